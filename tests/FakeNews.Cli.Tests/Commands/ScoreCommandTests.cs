using System.Text.Json;
using FakeNews.Cli.Readers;
using FakeNews.Core.Classification;
using FakeNews.Core.Text;

namespace FakeNews.Cli.Tests.Commands;

public sealed class ScoreCommandTests
{
    private static readonly string Model = TestPaths.TinyModel;

    /// <summary>A folder of mixed inputs: 7 good items, and empty, binary, oversized and malformed ones.</summary>
    private static (TempFolder Temp, string Inputs, string[] Ids, string[] FailedIds) MixedInputs()
    {
        var temp = new TempFolder();
        var inputs = Path.Combine(temp.Path, "in");
        temp.File("in/a-claim.txt", "Says the governor cut school funding by half.");
        temp.File("in/b-article.md", "# A title\n\n" + string.Join(' ', Enumerable.Repeat("The council met on Tuesday to discuss the budget.", 60)));
        temp.File("in/c-page.html", "<html><body><nav>menu</nav><article><h1>Headline</h1><p>The bill passed the senate.</p></article></body></html>");
        temp.File("in/d-claims.jsonl", "{\"id\": \"j1\", \"text\": \"Crime went up.\"}\n{\"text\": \"Crime went down.\"}\n{broken\n");
        temp.File("in/e-table.csv", "id,text,speaker\nc1,\"Taxes rose, again.\",bob\n");
        temp.File("in/f-empty.txt", "");
        File.WriteAllBytes(temp.File("in/g-binary.txt"), [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08]);
        File.WriteAllText(temp.File("in/h-oversized.txt"), new string('x', (int)InputFile.MaxBytes + 10));
        temp.File("in/notes.pdf", "%PDF-1.4");
        string[] ids =
        [
            $"{inputs}/a-claim.txt", $"{inputs}/b-article.md", $"{inputs}/c-page.html", "j1", $"{inputs}/d-claims.jsonl#2",
            $"{inputs}/d-claims.jsonl#3", "c1", $"{inputs}/f-empty.txt", $"{inputs}/g-binary.txt", $"{inputs}/h-oversized.txt",
        ];
        string[] failed = [$"{inputs}/d-claims.jsonl#3", $"{inputs}/f-empty.txt", $"{inputs}/g-binary.txt", $"{inputs}/h-oversized.txt"];
        return (temp, inputs, ids, failed);
    }

    private static List<JsonElement> ReadJsonl(string path) =>
        File.ReadAllLines(path).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

    [Fact]
    public async Task Score_writes_one_jsonl_row_per_item_in_input_order_with_error_rows_for_bad_inputs()
    {
        var (temp, inputs, ids, failedIds) = MixedInputs();
        using var _ = temp;
        var output = Path.Combine(temp.Path, "out", "scores.jsonl");

        var run = await CliRun.RunAsync("score", inputs, "--out", output, "--model", Model, "--device", "cpu", "--batch-size", "4");

        Assert.Equal(3, run.ExitCode);
        var rows = ReadJsonl(output);
        Assert.Equal(ids, rows.Select(r => r.GetProperty("id").GetString()));
        foreach (var row in rows)
        {
            Assert.Equal(["id", "label", "p_fake", "kind", "threshold", "tokens", "chunks", "model", "error"], row.EnumerateObject().Select(p => p.Name));
            Assert.Equal("tiny-distilbert@1.0.0", row.GetProperty("model").GetString());
            var failed = failedIds.Contains(row.GetProperty("id").GetString());
            Assert.Equal(failed, row.GetProperty("error").ValueKind == JsonValueKind.String);
            if (!failed)
            {
                var pFake = row.GetProperty("p_fake").GetDouble();
                Assert.InRange(pFake, 0, 1);
                Assert.Equal(pFake >= 0.5 ? "fake" : "real", row.GetProperty("label").GetString());
                Assert.True(row.GetProperty("tokens").GetInt32() > 0);
                Assert.True(row.GetProperty("chunks").GetInt32() >= 1);
            }
            else
            {
                Assert.Equal(JsonValueKind.Null, row.GetProperty("label").ValueKind);
                Assert.Equal(JsonValueKind.Null, row.GetProperty("p_fake").ValueKind);
            }
        }

        var byId = rows.ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.StartsWith("empty: ", byId[$"{inputs}/f-empty.txt"].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("binary: ", byId[$"{inputs}/g-binary.txt"].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("oversized: ", byId[$"{inputs}/h-oversized.txt"].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("malformed: line 3", byId[$"{inputs}/d-claims.jsonl#3"].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.True(byId[$"{inputs}/b-article.md"].GetProperty("chunks").GetInt32() > 1, "a 600-word article needs several 128-token windows");
        Assert.Contains($"skipping '{inputs}/notes.pdf': unsupported file type", run.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"fakenews: scored 10 items \(4 errors, 0 skipped\) in [\d.]+ s: [\d.]+ items/s, \d+ tokens/s", run.Stderr);
    }

    [Fact]
    public async Task Score_writes_csv_by_extension_with_the_same_rows_as_jsonl()
    {
        var (temp, inputs, ids, failedIds) = MixedInputs();
        using var _ = temp;
        var jsonl = Path.Combine(temp.Path, "scores.jsonl");
        var csv = Path.Combine(temp.Path, "scores.csv");

        Assert.Equal(3, (await CliRun.RunAsync("score", inputs, "--out", jsonl, "--model", Model, "--device", "cpu")).ExitCode);
        Assert.Equal(3, (await CliRun.RunAsync("score", inputs, "--out", csv, "--model", Model, "--device", "cpu")).ExitCode);

        var records = CsvParser.Parse(File.ReadAllText(csv)).Select(r => r.Fields).ToList();
        Assert.Equal(["id", "label", "p_fake", "kind", "threshold", "tokens", "chunks", "model", "error"], records[0]);
        Assert.Equal(ids, records.Skip(1).Select(r => r[0]));
        foreach (var (record, json) in records.Skip(1).Zip(ReadJsonl(jsonl)))
        {
            Assert.Equal(9, record.Count);
            Assert.Equal(json.GetProperty("label").GetString() ?? "", record[1]);
            Assert.Equal(json.GetProperty("p_fake").ValueKind == JsonValueKind.Null ? "" : json.GetProperty("p_fake").GetRawText(), record[2]);
            Assert.Equal(json.GetProperty("threshold").ValueKind == JsonValueKind.Null ? "" : json.GetProperty("threshold").GetRawText(), record[4]);
            Assert.Equal(json.GetProperty("tokens").ValueKind == JsonValueKind.Null ? "" : json.GetProperty("tokens").GetRawText(), record[5]);
            Assert.Equal(json.GetProperty("error").GetString() ?? "", record[8]);
            Assert.Equal(failedIds.Contains(record[0]), record[8].Length > 0);
            Assert.Equal(failedIds.Contains(record[0]), record[4].Length == 0);
        }
    }

    [Fact]
    public async Task Text_needing_more_windows_than_max_windows_is_a_too_long_error_row()
    {
        using var temp = new TempFolder();
        temp.File("in/long.txt", string.Join(' ', Enumerable.Repeat("The council met on Tuesday to discuss the budget.", 60)));
        temp.File("in/short.txt", "Crime went up.");
        var output = Path.Combine(temp.Path, "scores.jsonl");

        var run = await CliRun.RunAsync("score", Path.Combine(temp.Path, "in"), "--out", output, "--max-windows", "2", "--model", Model, "--device", "cpu");

        Assert.Equal(3, run.ExitCode);
        var rows = ReadJsonl(output);
        Assert.StartsWith("too_long: ", rows[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task Format_option_overrides_the_extension()
    {
        using var temp = new TempFolder();
        temp.File("in/a.txt", "Crime went up.");
        var output = Path.Combine(temp.Path, "scores.txt");
        var run = await CliRun.RunAsync("score", Path.Combine(temp.Path, "in"), "--out", output, "--format", "csv", "--model", Model, "--device", "cpu");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("id,label,p_fake,kind,threshold,tokens,chunks,model,error\n", File.ReadAllText(output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_skips_ids_already_written_and_appends_the_rest()
    {
        var (temp, inputs, ids, _) = MixedInputs();
        using var __ = temp;
        var output = Path.Combine(temp.Path, "scores.jsonl");
        var full = Path.Combine(temp.Path, "full.jsonl");
        await CliRun.RunAsync("score", inputs, "--out", full, "--model", Model, "--device", "cpu");
        var fullLines = File.ReadAllLines(full);

        // A previous run that wrote four rows and was killed in the middle of the fifth.
        File.WriteAllText(output, string.Join('\n', fullLines.Take(4)) + "\n" + fullLines[4][..10]);

        var run = await CliRun.RunAsync("score", inputs, "--out", output, "--resume", "--model", Model, "--device", "cpu");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("dropped a partial last line", run.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"scored 6 items \(\d errors, 4 skipped\)", run.Stderr);
        var rows = ReadJsonl(output);
        Assert.Equal(ids, rows.Select(r => r.GetProperty("id").GetString()));
        foreach (var (resumedRow, fullRow) in rows.Zip(ReadJsonl(full)))
        {
            Assert.Equal(fullRow.GetProperty("label").GetString(), resumedRow.GetProperty("label").GetString());
            Assert.Equal(fullRow.GetProperty("error").GetString(), resumedRow.GetProperty("error").GetString());
            Assert.Equal(fullRow.GetProperty("tokens").ToString(), resumedRow.GetProperty("tokens").ToString());
        }
    }

    [Fact]
    public async Task Resume_of_a_complete_csv_file_scores_nothing_and_keeps_it()
    {
        using var temp = new TempFolder();
        temp.File("in/a.txt", "Crime went up.");
        temp.File("in/b.txt", "Crime went down.");
        var output = Path.Combine(temp.Path, "scores.csv");
        string[] args = ["score", Path.Combine(temp.Path, "in"), "--out", output, "--model", Model, "--device", "cpu"];
        Assert.Equal(0, (await CliRun.RunAsync(args)).ExitCode);
        var before = File.ReadAllText(output);

        var run = await CliRun.RunAsync([.. args, "--resume"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("scored 0 items (0 errors, 2 skipped)", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(output));
    }

    [Fact]
    public async Task Without_resume_an_existing_output_is_replaced()
    {
        using var temp = new TempFolder();
        temp.File("in/a.txt", "Crime went up.");
        var output = temp.File("scores.jsonl", "{\"id\": \"stale\"}\n");
        Assert.Equal(0, (await CliRun.RunAsync("score", Path.Combine(temp.Path, "in"), "--out", output, "--model", Model, "--device", "cpu")).ExitCode);
        Assert.DoesNotContain("stale", File.ReadAllText(output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_refuses_an_output_that_is_not_a_result_file()
    {
        using var temp = new TempFolder();
        temp.File("in/a.txt", "Crime went up.");
        var output = temp.File("scores.csv", "name,value\nx,1\n");
        var run = await CliRun.RunAsync("score", Path.Combine(temp.Path, "in"), "--out", output, "--resume", "--model", Model, "--device", "cpu");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Cannot resume", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("name,value\nx,1\n", File.ReadAllText(output));
    }

    [Fact]
    public async Task Cancellation_stops_with_130_and_leaves_whole_rows_that_resume_completes()
    {
        using var temp = new TempFolder();
        var claims = Enumerable.Range(1, 300).Select(i => $"{{\"id\": \"c{i}\", \"text\": \"Claim number {i} about taxes and crime.\"}}");
        var input = temp.File("claims.jsonl", string.Join('\n', claims));
        var output = Path.Combine(temp.Path, "scores.jsonl");
        using var cancellation = new CancellationTokenSource();
        string[] args = ["score", input, "--out", output, "--model", Model, "--device", "cpu", "--batch-size", "8"];

        var run = await CliRun.RunAsync(args, "", inner => new CancelAfter(inner, 40, cancellation), cancellationToken: cancellation.Token);

        Assert.Equal(130, run.ExitCode);
        Assert.Contains("cancelled after", run.Stderr, StringComparison.Ordinal);
        var text = File.ReadAllText(output);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var written = ReadJsonl(output).Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.InRange(written.Count, 1, 299);
        Assert.Equal(Enumerable.Range(1, written.Count).Select(i => $"c{i}"), written);

        var resumed = await CliRun.RunAsync([.. args, "--resume"]);

        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(Enumerable.Range(1, 300).Select(i => $"c{i}"), ReadJsonl(output).Select(r => r.GetProperty("id").GetString()));
    }

    /// <summary>The real classifier, with Ctrl+C pressed once <c>count</c> results have come back.</summary>
    private sealed class CancelAfter(ITextClassifier inner, int count, CancellationTokenSource cancellation) : ITextClassifier
    {
        private int _done;

        public ModelInfo Model => inner.Model;

        public async Task<ClassificationResult> ClassifyAsync(ClassificationRequest request, CancellationToken cancellationToken = default)
        {
            var result = await inner.ClassifyAsync(request, cancellationToken);
            if (Interlocked.Increment(ref _done) == count)
            {
                await cancellation.CancelAsync();
            }

            return result;
        }
    }
}

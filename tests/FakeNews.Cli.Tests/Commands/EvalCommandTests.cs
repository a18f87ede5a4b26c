using System.Text.Json;

namespace FakeNews.Cli.Tests.Commands;

public sealed class EvalCommandTests
{
    [Fact]
    public async Task Eval_writes_the_whole_folder_and_prints_the_headline()
    {
        using var folder = new TempFolder();

        var (code, stdout, stderr) = await CliRun.RunAsync("eval", "--data", TestPaths.Eval("claims.tsv"), "--out", folder.Path, "--model", TestPaths.TinyModel, "--device", "cpu");

        Assert.True(code == 0, stderr);
        foreach (var file in new[] { "metrics.json", "predictions.jsonl", "slices.json", "errors.json", "report.html", "report.md" })
        {
            Assert.True(File.Exists(folder.Combine(file)), file);
        }

        Assert.Equal(60, File.ReadLines(folder.Combine("predictions.jsonl")).Count());
        Assert.StartsWith("n 60  accuracy ", stdout, StringComparison.Ordinal);
        Assert.Contains("scored 60 items", stderr, StringComparison.Ordinal); // the progress summary
    }

    [Fact]
    public async Task Bad_data_fails_with_exit_code_2_and_the_line_before_any_model_is_loaded()
    {
        using var folder = new TempFolder();

        var (code, _, stderr) = await CliRun.RunAsync("eval", "--data", TestPaths.Eval("csv-unknown-label.csv"), "--out", folder.Path, "--model", folder.Combine("no-such-model"));

        Assert.Equal(2, code);
        Assert.Contains("csv-unknown-label.csv:3: unknown label 'satire'", stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public async Task Refused_inputs_stop_the_eval_unless_skip_refused_leaves_them_out_by_name()
    {
        using var folder = new TempFolder();
        var texts = Enumerable.Range(0, 6).Select(i => $"Says the state budget grew by {i + 3}0 percent during her first term in office.")
            .Append("यह वाक्य अंग्रेज़ी में नहीं लिखा गया है और मॉडल इसे नहीं पढ़ सकता")
            .Append("https://example.com/news/2026/12/story");
        var data = folder.File("mixed.jsonl", string.Join('\n', texts.Select((t, i) => JsonSerializer.Serialize(new { id = $"m{i}", label = i % 2 == 0 ? "fake" : "real", text = t }))));

        var stopped = await CliRun.RunAsync("eval", "--data", data, "--out", folder.Combine("stopped"), "--model", TestPaths.TinyModel, "--device", "cpu");
        var skipped = await CliRun.RunAsync("eval", "--data", data, "--out", folder.Combine("skipped"), "--skip-refused", "--model", TestPaths.TinyModel, "--device", "cpu");

        Assert.Equal(3, stopped.ExitCode);
        Assert.Contains("example 'm6' (line 7) could not be classified", stopped.Stderr, StringComparison.Ordinal);
        Assert.True(skipped.ExitCode == 0, skipped.Stderr);
        Assert.StartsWith("n 6  accuracy ", skipped.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 examples refused as input and left out of every figure", skipped.Stderr, StringComparison.Ordinal);
        var refused = File.ReadAllLines(folder.Combine("skipped", "refused.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["m6", "m7"], refused.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal([7, 8], refused.Select(r => r.GetProperty("line").GetInt32()));
        Assert.Contains("refused as input", File.ReadAllText(folder.Combine("skipped", "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_without_out_is_a_usage_error()
    {
        var (code, _, stderr) = await CliRun.RunAsync("eval", "--data", TestPaths.Eval("claims.tsv"));

        Assert.Equal(2, code);
        Assert.Contains("'eval' needs --out DIR", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_of_two_model_folders_evaluates_both_then_compares()
    {
        using var folder = new TempFolder();

        var (code, stdout, stderr) = await CliRun.RunAsync(
            "compare", TestPaths.TinyModel, TestPaths.TinyBertModel, "--data", TestPaths.Eval("claims.tsv"), "--out", folder.Path, "--device", "cpu", "--bootstrap", "200");

        Assert.True(code == 0, stderr);
        Assert.True(File.Exists(folder.Combine("a", "metrics.json")));
        Assert.True(File.Exists(folder.Combine("b", "metrics.json")));
        using var json = JsonDocument.Parse(File.ReadAllBytes(folder.Combine("comparison.json")));
        Assert.Equal("tiny-distilbert@1.0.0", json.RootElement.GetProperty("a").GetProperty("model").GetString());
        Assert.Equal("tiny-bert@1.0.0", json.RootElement.GetProperty("b").GetProperty("model").GetString());
        Assert.Equal(60, json.RootElement.GetProperty("n").GetInt32());
        Assert.Equal(200, json.RootElement.GetProperty("bootstrap").GetProperty("samples").GetInt32());
        Assert.True(File.Exists(folder.Combine("comparison.md")));
        Assert.True(File.Exists(folder.Combine("comparison.html")));
        Assert.True(File.Exists(folder.Combine("disagreements.jsonl")));
        Assert.Contains("mcnemar exact p", stdout, StringComparison.Ordinal);

        // The eval folders just written compare again without --data, to the same result.
        using var again = new TempFolder();
        var second = await CliRun.RunAsync("compare", folder.Combine("a"), folder.Combine("b"), "--out", again.Path, "--bootstrap", "200");
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(File.ReadAllText(folder.Combine("comparison.md")), File.ReadAllText(again.Combine("comparison.md")));
    }

    [Fact]
    public async Task Compare_refuses_a_folder_that_is_neither_an_eval_nor_a_model()
    {
        using var folder = new TempFolder();

        var (code, _, stderr) = await CliRun.RunAsync("compare", folder.Path, TestPaths.TinyModel, "--out", folder.Combine("out"));

        Assert.Equal(2, code);
        Assert.Contains("is neither an eval output folder", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_of_model_folders_without_data_is_a_usage_error()
    {
        using var folder = new TempFolder();

        var (code, _, stderr) = await CliRun.RunAsync("compare", TestPaths.TinyModel, TestPaths.TinyBertModel, "--out", folder.Path);

        Assert.Equal(2, code);
        Assert.Contains("'compare' needs --data FILE", stderr, StringComparison.Ordinal);
    }
}

public sealed class EvalLengthCheckTests
{
    [Fact]
    public async Task An_example_too_long_for_the_model_stops_eval_before_scoring_with_exit_code_2()
    {
        using var folder = new TempFolder();
        var data = folder.Combine("long.csv");
        await File.WriteAllTextAsync(data, "id,label,text\nshort,fake,A short claim.\nlong,real," + string.Join(' ', Enumerable.Repeat("budget", 2000)) + "\n");

        var (code, _, stderr) = await CliRun.RunAsync(
            "eval", "--data", data, "--out", folder.Combine("out"), "--model", TestPaths.TinyModel, "--device", "cpu", "--max-length", "16");

        Assert.Equal(2, code);
        Assert.Contains("long.csv:3: example 'long' has ", stderr, StringComparison.Ordinal);
        Assert.Contains("the model allows 64", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("scored", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.Combine("out")));
    }
}

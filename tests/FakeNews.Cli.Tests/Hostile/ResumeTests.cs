using System.Text.Json;
using FakeNews.Cli.Output;
using FakeNews.Cli.Readers;

namespace FakeNews.Cli.Tests.Hostile;

/// <summary><c>score --resume</c> retries transient failures, counts duplicate ids, and does not depend on how a path is spelled.</summary>
public sealed class ResumeTests
{
    private static readonly string Model = TestPaths.TinyModel;

    private static List<JsonElement> ReadJsonl(string path) =>
        File.ReadAllLines(path).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

    private static List<string?> Ids(string path) => ReadJsonl(path).Select(r => r.GetProperty("id").GetString()).ToList();

    [Fact]
    public async Task Resume_retries_items_whose_rows_hold_a_transient_error_and_keeps_the_others()
    {
        using var temp = new TempFolder();
        var input = temp.File("claims.jsonl", "{\"id\": \"c1\", \"text\": \"Taxes rose.\"}\n{\"id\": \"c2\", \"text\": \"Crime fell.\"}\n{\"id\": \"c3\", \"text\": \" \"}\n");
        var output = Path.Combine(temp.Path, "scores.jsonl");
        string[] args = ["score", input, "--out", output, "--model", Model, "--device", "cpu"];
        await CliRun.RunAsync(args);
        var full = File.ReadAllLines(output);
        // A run during which the backend failed for c2.
        File.WriteAllLines(output, [full[0], RowFormatter.ToJson(OutputRow.Failed("c2", "m@1", "backend_failure: the session crashed")), full[2]]);

        var run = await CliRun.RunAsync([.. args, "--resume"]);

        Assert.Contains("retrying 1 item", run.Stderr, StringComparison.Ordinal);
        var rows = ReadJsonl(output);
        Assert.Equal(["c1", "c3", "c2"], rows.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Null, rows[2].GetProperty("error").ValueKind);
        Assert.StartsWith("empty: ", rows[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(full[0], File.ReadAllLines(output)[0]);
    }

    [Theory]
    [InlineData("backend_failure: x", true)]
    [InlineData("overloaded: x", true)]
    [InlineData("not_ready: x", true)]
    [InlineData("empty: no text to classify", false)]
    [InlineData("too_long: x", false)]
    [InlineData(null, false)]
    public void Only_transient_kinds_count_as_retryable_rows(string? error, bool transient)
    {
        Assert.Equal(transient, ErrorMap.IsTransientRowError(error));
    }

    [Fact]
    public async Task Csv_resume_retries_transient_rows_too()
    {
        using var temp = new TempFolder();
        var input = temp.File("claims.jsonl", "{\"id\": \"c1\", \"text\": \"Taxes rose.\"}\n{\"id\": \"c2\", \"text\": \"Crime fell.\"}\n");
        var output = Path.Combine(temp.Path, "scores.csv");
        string[] args = ["score", input, "--out", output, "--model", Model, "--device", "cpu"];
        await CliRun.RunAsync(args);
        var full = File.ReadAllLines(output);
        File.WriteAllLines(output, [full[0], RowFormatter.ToCsv(OutputRow.Failed("c1", "m@1", "overloaded: the queue is full, \"try later\"")), full[2]]);

        var run = await CliRun.RunAsync([.. args, "--resume"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([full[0], full[2], full[1]], File.ReadAllLines(output));
    }

    [Fact]
    public async Task Duplicate_ids_are_reported_and_resume_skips_only_as_many_of_them_as_were_written()
    {
        using var temp = new TempFolder();
        var input = temp.File("claims.jsonl", "{\"id\": \"x\", \"text\": \"Taxes rose.\"}\n{\"id\": \"x\", \"text\": \"Crime fell.\"}\n{\"id\": \"y\", \"text\": \"Jobs grew.\"}\n");
        var output = Path.Combine(temp.Path, "scores.jsonl");
        string[] args = ["score", input, "--out", output, "--model", Model, "--device", "cpu"];
        var first = await CliRun.RunAsync(args);
        Assert.Contains("1 item shares its id with an earlier item (first: 'x')", first.Stderr, StringComparison.Ordinal);
        var full = File.ReadAllLines(output);
        File.WriteAllLines(output, [full[0]]);

        var resumed = await CliRun.RunAsync([.. args, "--resume"]);

        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(full, File.ReadAllLines(output));
    }

    [Fact]
    public async Task Folder_spelled_with_dot_segments_or_a_trailing_slash_gives_the_same_ids_and_resumes()
    {
        using var temp = new TempFolder();
        temp.File("in/a.txt", "Taxes rose.");
        temp.File("in/sub/b.txt", "Crime fell.");
        var plain = Path.Combine(temp.Path, "in");
        var dotted = Path.Combine(temp.Path, ".", "in") + "/./";
        var output = Path.Combine(temp.Path, "scores.jsonl");

        await CliRun.RunAsync("score", plain, "--out", output, "--model", Model, "--device", "cpu");
        var ids = Ids(output);
        var resumed = await CliRun.RunAsync("score", dotted, "--out", output, "--resume", "--model", Model, "--device", "cpu");

        Assert.Equal([$"{plain}/a.txt", $"{plain}/sub/b.txt"], ids);
        Assert.Contains("scored 0 items (0 errors, 2 skipped)", resumed.Stderr, StringComparison.Ordinal);
        Assert.Equal(ids, Ids(output));
    }

    [Theory]
    [InlineData("./data/a.txt", "data/a.txt")]
    [InlineData("data//a.txt", "data/a.txt")]
    [InlineData("data/./sub/", "data/sub")]
    [InlineData("../data/a.txt", "../data/a.txt")]
    [InlineData("/abs/./data/a.txt", "/abs/data/a.txt")]
    [InlineData("data\\a.txt", "data/a.txt")]
    [InlineData("./", ".")]
    public void Path_ids_are_normalised_lexically(string path, string id)
    {
        Assert.Equal(id, InputCatalog.IdFor(path));
    }
}

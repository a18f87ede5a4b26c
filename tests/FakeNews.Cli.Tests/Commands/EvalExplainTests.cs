using System.Text.Json;
using System.Text.RegularExpressions;

namespace FakeNews.Cli.Tests.Commands;

public sealed class EvalExplainTests
{
    [Fact]
    public async Task Eval_explain_highlights_every_listed_error_in_the_report_with_its_own_text()
    {
        using var folder = new TempFolder();

        var (code, _, stderr) = await CliRun.RunAsync("eval", "--data", TestPaths.Eval("claims.tsv"), "--out", folder.Path, "--explain", "--model", TestPaths.TinyModel, "--device", "cpu", "--bootstrap", "50");

        Assert.True(code == 0, stderr);
        var html = await File.ReadAllTextAsync(folder.Combine("report.html"));
        Assert.Contains("Highlighted texts:", html, StringComparison.Ordinal);
        var cells = Regex.Matches(html, "<div class=\"text\">(.*?)</div>").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(cells);
        Assert.All(cells, cell => Assert.Contains("<mark style=\"background:rgba(", cell, StringComparison.Ordinal));
        Assert.False(File.Exists(folder.Combine("influential_words.json")));
        var predictions = File.ReadLines(folder.Combine("predictions.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!).ToHashSet();
        Assert.All(cells, cell => Assert.Contains(System.Net.WebUtility.HtmlDecode(Regex.Replace(cell, "<[^>]+>", string.Empty)), predictions));
    }

    [Fact]
    public async Task Eval_influential_words_explains_every_example_and_writes_the_words_per_class()
    {
        using var folder = new TempFolder();

        var (code, _, stderr) = await CliRun.RunAsync("eval", "--data", TestPaths.Eval("claims.tsv"), "--out", folder.Path, "--influential-words", "--model", TestPaths.TinyModel, "--device", "cpu", "--bootstrap", "50");

        Assert.True(code == 0, stderr);
        Assert.Contains("explaining 60 examples", stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(folder.Combine("influential_words.json")));
        var classes = json.RootElement.GetProperty("classes");
        var fake = classes.GetProperty("fake");
        var real = classes.GetProperty("real");
        Assert.Equal(60, fake.GetProperty("examples").GetInt32() + real.GetProperty("examples").GetInt32());
        foreach (var c in new[] { fake, real })
        {
            var toward = c.GetProperty("toward_fake").EnumerateArray().Select(w => w.GetProperty("mean_weight").GetDouble()).ToList();
            Assert.NotEmpty(toward);
            Assert.Equal(toward.OrderDescending(), toward);
            Assert.All(c.GetProperty("toward_real").EnumerateArray(), w => Assert.True(w.GetProperty("count").GetInt32() >= 5));
        }

        Assert.Contains("Explained 60 examples by occlusion", await File.ReadAllTextAsync(folder.Combine("report.html")), StringComparison.Ordinal);
    }
}

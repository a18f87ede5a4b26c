using System.Text.Json;
using FakeNews.Cli.Bench;
using FakeNews.Core.Classification;
using FakeNews.Core.Explanations;

namespace FakeNews.Cli.Tests.Commands;

public sealed class ExplainBenchTests
{
    private static readonly Attribution[] Units =
    [
        new(AttributionSources.Title, null, 0, 3, "Tax", 0.05f),
        new(AttributionSources.Text, null, 0, 4, "Says", -0.02f),
        new(AttributionSources.Text, null, 5, 8, "the", 0.001f),
        new(AttributionSources.Text, null, 9, 15, "budget", 0.3f),
        new(AttributionSources.Text, null, 16, 20, "grew", -0.4f),
        new(AttributionSources.Metadata, "speaker", 0, 3, "bob", 0.1f),
    ];

    private static readonly ClassificationRequest Request = new("Says the budget grew.", "Tax news", new ArticleMetadata(Speaker: "bob", Party: "none"));

    [Fact]
    public void Deletion_picks_the_strongest_by_absolute_weight_and_the_verdicts_strongest_by_signed_weight()
    {
        Assert.Equal(["grew", "budget", "bob"], Deletion.Strongest(Units, 3).Select(u => u.Text));
        Assert.Equal(["budget", "bob"], Deletion.TowardVerdict(Units, 2, verdictFake: true).Select(u => u.Text));
        Assert.Equal(["grew", "Says"], Deletion.TowardVerdict(Units, 2, verdictFake: false).Select(u => u.Text));
    }

    [Fact]
    public void Random_deletion_draws_distinct_units_reproducibly_from_the_seed()
    {
        var first = Deletion.Random(Units, 4, new Random(3));

        Assert.Equal(4, first.Distinct().Count());
        Assert.Equal(first, Deletion.Random(Units, 4, new Random(3)));
    }

    [Fact]
    public void Deleting_units_cuts_their_characters_from_text_and_title_and_drops_metadata_fields()
    {
        var without = Deletion.Without(Request, [Units[0], Units[3], Units[1], Units[5]]);

        Assert.Equal(" the  grew.", without!.Text);
        Assert.Equal(" news", without.Title);
        Assert.Equal(new ArticleMetadata(Party: "none"), without.Metadata);
        Assert.Null(Deletion.Without(new ClassificationRequest("grew"), [new Attribution(AttributionSources.Text, null, 0, 4, "grew", 1)]));
    }

    [Fact]
    public async Task Explain_bench_reports_a_deletion_point_per_k_and_the_cost_of_explaining()
    {
        using var temp = new TempFolder();
        var data = temp.File("claims.jsonl", string.Join('\n', Enumerable.Range(0, 8).Select(i =>
            JsonSerializer.Serialize(new { id = $"c{i}", label = i % 2 == 0 ? "fake" : "real", text = $"Says the state budget grew by {i + 3}0 percent during her first term in office." }))));

        var run = await CliRun.RunAsync("explain-bench", "--data", data, "--k", "1,3", "--json", "--model", TestPaths.TinyModel, "--device", "cpu");

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var points = json.RootElement.GetProperty("deletion").EnumerateArray().ToList();
        Assert.Equal([1, 3], points.Select(p => p.GetProperty("k").GetInt32()));
        Assert.All(points, p => Assert.Equal(8, p.GetProperty("items").GetInt32()));
        Assert.All(points, p => Assert.True(p.GetProperty("top_abs_delta").GetDouble() >= 0));
        Assert.Equal(8, json.RootElement.GetProperty("items").GetInt32());
        Assert.Equal(14, json.RootElement.GetProperty("mean_units").GetDouble());
        Assert.True(json.RootElement.GetProperty("explain_mean_ms").GetDouble() > 0);
        Assert.Contains("(word units)", json.RootElement.GetProperty("run").GetString());
    }

    [Fact]
    public async Task Explain_bench_counts_and_leaves_out_items_the_classifier_refuses_as_input()
    {
        using var temp = new TempFolder();
        var texts = Enumerable.Range(0, 6).Select(i => $"Says the state budget grew by {i + 3}0 percent during her first term in office.")
            .Append("यह वाक्य अंग्रेज़ी में नहीं लिखा गया है और मॉडल इसे नहीं पढ़ सकता")
            .Append("https://example.com/news/2026/12/story")
            .ToList();
        var data = temp.File("mixed.jsonl", string.Join('\n', texts.Select((t, i) => JsonSerializer.Serialize(new { id = $"m{i}", label = "fake", text = t }))));
        var refusedOnly = temp.File("refused.jsonl", JsonSerializer.Serialize(new { id = "r", label = "fake", text = texts[^1] }));

        var run = await CliRun.RunAsync("explain-bench", "--data", data, "--k", "1", "--json", "--model", TestPaths.TinyModel, "--device", "cpu");
        var none = await CliRun.RunAsync("explain-bench", "--data", refusedOnly, "--model", TestPaths.TinyModel, "--device", "cpu");

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(6, json.RootElement.GetProperty("items").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("refused").GetInt32());
        Assert.Equal(6, json.RootElement.GetProperty("deletion")[0].GetProperty("items").GetInt32());
        Assert.Contains("6 items (2 more refused as input and left out)", json.RootElement.GetProperty("run").GetString());
        Assert.NotEqual(0, none.ExitCode);
        Assert.Contains("refused all 1 items", none.Stderr);
    }

    [Fact]
    public async Task Explain_bench_rejects_a_bad_k_list_and_an_empty_word_filter()
    {
        using var temp = new TempFolder();
        var data = temp.File("claims.jsonl", "{\"id\": \"a\", \"label\": \"fake\", \"text\": \"Taxes rose.\"}\n");

        var badK = await CliRun.RunAsync("explain-bench", "--data", data, "--k", "0,x", "--model", TestPaths.TinyModel);
        var none = await CliRun.RunAsync("explain-bench", "--data", data, "--min-words", "100000", "--model", TestPaths.TinyModel);

        Assert.Equal(2, badK.ExitCode);
        Assert.Contains("--k must be", badK.Stderr);
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("no item of --data", none.Stderr);
    }
}

using System.Text.Json;
using FakeNews.Core.Classification;
using FakeNews.Core.Explanations;
using FakeNews.Inference;

namespace FakeNews.Cli.Tests.Commands;

public sealed class PredictExplainTests
{
    private static readonly string Model = TestPaths.TinyModel;
    private static readonly string DefaultModel = Path.Combine(TestPaths.RepositoryRoot, "models", "minilm-news-v2");
    private static readonly string Article = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "samples", "articles", "council-budget.txt"));

    public static TheoryData<string> Texts { get; } =
    [
        "Says the state budget grew by 40 percent during her first term.",
        "Café, naïve résumé — «Ça coûte 3,5 M€»… c'est énorme!!! 🔥🔥 (vraiment?)",
        "Emoji 👍🏽 and 👨‍👩‍👧, e\u0301 combining, Ελληνικά, 中文字符, $1.5 trillion; 100% \"quoted\" U.S.-based obama's claim?!",
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task Predict_explain_json_offsets_slice_the_text_exactly(string text)
    {
        var run = await CliRun.RunAsync("predict", text, "--explain", "--json", "--model", Model, "--device", "cpu");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("word", json.RootElement.GetProperty("granularity").GetString());
        var attributions = json.RootElement.GetProperty("attributions").EnumerateArray().ToList();
        Assert.True(attributions.Count >= 6);
        AssertSlices(text, attributions);
    }

    [Fact]
    public async Task Predict_explain_json_explains_a_multi_window_article_by_sentences_that_slice_it()
    {
        var run = await CliRun.RunAsync("predict", Article, "--explain", "--json", "--model", DefaultModel, "--device", "cpu");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.True(json.RootElement.GetProperty("chunks").GetInt32() > 1, "the sample article must need several windows");
        Assert.Equal("sentence", json.RootElement.GetProperty("granularity").GetString());
        var attributions = json.RootElement.GetProperty("attributions").EnumerateArray().ToList();
        Assert.True(attributions.Count > 10);
        AssertSlices(Article, attributions);
        Assert.Contains(attributions, a => Math.Abs(a.GetProperty("weight").GetDouble()) > 0);
    }

    [Fact]
    public async Task Predict_explain_json_gives_title_and_metadata_offsets_into_their_own_strings()
    {
        var run = await CliRun.RunAsync("predict", "Obama was born in Kenya.", "--title", " Birther claim", "--speaker", "jane roe", "--explain", "--json", "--model", Model, "--device", "cpu");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var attributions = json.RootElement.GetProperty("attributions").EnumerateArray().ToList();
        Assert.Equal(["metadata", "title", "title", "text", "text", "text", "text", "text"], attributions.Select(a => a.GetProperty("source").GetString()));
        Assert.Equal("speaker", attributions[0].GetProperty("field").GetString());
        AssertSlices("jane roe", attributions.Take(1));
        AssertSlices(" Birther claim", attributions.Skip(1).Take(2));
        AssertSlices("Obama was born in Kenya.", attributions.Skip(3));
    }

    /// <summary>
    /// The CLI against the classifier library every host calls (the API's /v1/classify is held to the same library in
    /// tests/FakeNews.Api.Tests, so the two hosts agree with each other).
    /// </summary>
    [Fact]
    public async Task Predict_explain_json_gives_the_classifiers_attributions_for_the_same_text_and_model()
    {
        const string claim = "Café owners say the 40% tax hike — «énorme» — was passed in secret! 🔥";
        await using var classifier = await FakeNewsClassifier.CreateAsync(
            new ClassifierOptions { ModelDirectory = Model, Device = ExecutionDevice.Cpu, IntraOpThreads = 1 });
        var direct = await classifier.ExplainAsync(new ClassificationRequest(claim, "Tax news", new ArticleMetadata(Speaker: "jane roe")));

        var run = await CliRun.RunAsync("predict", claim, "--title", "Tax news", "--speaker", "jane roe", "--explain", "--json", "--model", Model, "--device", "cpu");

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(Explanation.GranularityName(direct.Granularity), json.RootElement.GetProperty("granularity").GetString());
        var attributions = json.RootElement.GetProperty("attributions").EnumerateArray().ToList();
        Assert.Equal(
            direct.Attributions.Select(a => (a.Source, a.Field, a.Start, a.End, a.Text)).ToList(),
            attributions.Select(a => (
                a.GetProperty("source").GetString()!,
                a.TryGetProperty("field", out var field) ? field.GetString() : null,
                a.GetProperty("start").GetInt32(),
                a.GetProperty("end").GetInt32(),
                a.GetProperty("text").GetString()!)).ToList());
        for (var i = 0; i < direct.Attributions.Count; i++)
        {
            Assert.Equal(direct.Attributions[i].Weight, attributions[i].GetProperty("weight").GetDouble(), tolerance: 1e-5);
        }

        Assert.Equal(direct.Result.PFake, json.RootElement.GetProperty("p_fake").GetDouble(), tolerance: 1e-5);
    }

    [Fact]
    public async Task Predict_explain_marks_the_strongest_words_in_brackets_when_stdout_is_not_a_terminal()
    {
        const string text = "The governor cut school funding by 20 percent last year.";

        var run = await CliRun.RunAsync("predict", text, "--explain", "--model", Model, "--device", "cpu");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Matches(@"^(fake|real) p_fake=0\.\d{4} tokens=\d+ chunks=1 model=tiny-distilbert@1\.0\.0$", lines[0]);
        Assert.StartsWith("text: ", lines[1]);
        Assert.Equal(5, System.Text.RegularExpressions.Regex.Count(lines[1], @"\[[+-][^\]]+\]"));
        Assert.Equal(text, System.Text.RegularExpressions.Regex.Replace(lines[1]["text: ".Length..], @"\[[+-]([^\]]+)\]", "$1"));
        Assert.DoesNotContain('\u001b', run.Stdout);
        Assert.StartsWith("strongest: ", lines[2]);
    }

    [Fact]
    public async Task Predict_explain_fails_on_an_over_long_text_exactly_as_plain_predict()
    {
        var plain = await CliRun.RunAsync("predict", Article, "--max-windows", "1", "--model", Model, "--device", "cpu");
        var explained = await CliRun.RunAsync("predict", Article, "--explain", "--json", "--max-windows", "1", "--model", Model, "--device", "cpu");

        Assert.NotEqual(0, plain.ExitCode);
        Assert.Equal((plain.ExitCode, plain.Stderr), (explained.ExitCode, explained.Stderr));
        Assert.Contains("too_long", explained.Stderr);
        Assert.Empty(explained.Stdout);
    }

    [Fact]
    public async Task Predict_explain_rejects_an_empty_text_exactly_as_plain_predict()
    {
        var plain = await CliRun.RunAsync(["predict", "-", "--model", Model, "--device", "cpu"], stdin: " \n");
        var explained = await CliRun.RunAsync(["predict", "-", "--explain", "--model", Model, "--device", "cpu"], stdin: " \n");

        Assert.Equal(2, plain.ExitCode);
        Assert.Equal((plain.ExitCode, plain.Stderr), (explained.ExitCode, explained.Stderr));
    }

    private static void AssertSlices(string source, IEnumerable<JsonElement> attributions)
    {
        foreach (var attribution in attributions)
        {
            var start = attribution.GetProperty("start").GetInt32();
            var end = attribution.GetProperty("end").GetInt32();
            Assert.Equal(attribution.GetProperty("text").GetString(), source[start..end]);
            Assert.True(double.IsFinite(attribution.GetProperty("weight").GetDouble()));
        }
    }
}

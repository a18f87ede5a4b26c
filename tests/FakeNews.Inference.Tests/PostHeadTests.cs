using System.Text.Json.Nodes;
using FakeNews.Core.Batching;
using FakeNews.Core.Classification;
using FakeNews.Core.Explanations;
using FakeNews.Inference;

namespace FakeNews.Inference.Tests;

/// <summary>
/// A model with a second head for posts (config.json <c>kind_outputs</c>): every output the config routes a kind to is
/// fetched in the one run, and each request is scored with its kind's head. References are torch's logits of both
/// heads in the fixture's golden.json (tolerance 1e-4).
/// </summary>
public class PostHeadTests
{
    private const string Fixture = "tiny-distilbert-posthead";
    private const float Tolerance = 1e-4f;

    private static readonly IReadOnlyList<HeadGoldenCase> Cases = Fixtures.HeadGolden(Fixture);

    private static HeadGoldenCase FirstPost => Cases.First(c => c.Kind == InputKind.Post);

    [Fact]
    public void The_golden_cases_cover_a_post_whose_heads_disagree()
    {
        Assert.All(Cases, c =>
        {
            Assert.Equal(c.Kind, InputKinds.Derive(c.Request));
            Assert.Equal(c.ModelInput, c.Request.ModelInput());
        });
        Assert.True(FirstPost.MainHead < 0.5f, "the main head should call the first post real");
        Assert.True(FirstPost.PostHead >= 0.5f, "the post head should call the first post fake");
        Assert.Contains(Cases, c => c.Kind != InputKind.Post);
    }

    [Fact]
    public async Task Every_golden_case_is_scored_with_the_head_of_its_kind()
    {
        await using var classifier = await FakeNewsClassifier.CreateAsync(Fixtures.Options(Fixtures.Model(Fixture)));

        foreach (var @case in Cases)
        {
            var result = await classifier.ClassifyAsync(@case.Request);

            // The first window holds the first max_length - 2 tokens: exactly the reference's truncated sequence.
            Assert.Equal(@case.Expected, result.Chunks[0].PFake, Tolerance);
            if (@case.InputIds.Length < 128)
            {
                Assert.Single(result.Chunks);
                Assert.Equal(@case.Expected, result.PFake, Tolerance);
                Assert.Equal(@case.Expected >= 0.5f ? "fake" : "real", result.Label);
            }
        }
    }

    [Fact]
    public async Task A_post_the_main_head_calls_real_is_fake_by_the_post_head()
    {
        await using var classifier = await FakeNewsClassifier.CreateAsync(Fixtures.Options(Fixtures.Model(Fixture)));

        var result = await classifier.ClassifyAsync(FirstPost.Request);

        Assert.Equal(FirstPost.PostHead, result.PFake, Tolerance);
        Assert.NotEqual(FirstPost.MainHead, result.PFake, 1e-2f);
        Assert.Equal("fake", result.Label);
    }

    [Fact]
    public async Task Requests_of_different_kinds_classified_together_each_get_their_own_head()
    {
        await using var classifier = await FakeNewsClassifier.CreateAsync(Fixtures.Options(Fixtures.Model(Fixture)));

        var results = await classifier.ClassifyManyAsync(Cases.Select(c => c.Request).ToList());

        for (var i = 0; i < Cases.Count; i++)
        {
            Assert.Equal(Cases[i].Expected, results[i].Chunks[0].PFake, Tolerance);
        }
    }

    [Fact]
    public async Task Explanation_of_a_post_uses_the_post_head()
    {
        await using var classifier = await FakeNewsClassifier.CreateAsync(Fixtures.Options(Fixtures.Model(Fixture)));
        var text = FirstPost.Request.Text;

        var explained = await classifier.ExplainAsync(FirstPost.Request);

        Assert.Equal(FirstPost.PostHead, explained.Result.PFake, Tolerance);
        Assert.Equal("fake", explained.Result.Label);
        Assert.Equal(AttributionGranularity.Word, explained.Granularity);
        var checkedWords = 0;
        foreach (var attribution in explained.Attributions)
        {
            var without = new ClassificationRequest(text[..attribution.Start] + text[attribution.End..]);
            if (InputKinds.Derive(without) != InputKind.Post)
            {
                continue;
            }

            var plain = await classifier.ClassifyAsync(without);
            Assert.Equal(explained.Result.PFake - plain.PFake, attribution.Weight, 1e-5f);
            checkedWords++;
        }

        Assert.True(checkedWords > 5);
    }

    [Fact]
    public void Raw_runner_fetches_every_used_output_and_returns_each_row_with_the_heads_side_by_side()
    {
        using var runner = RawBatchRunner.Open(Fixtures.Options(Fixtures.Model(Fixture)));

        Assert.Equal(["logits", "post_logits"], runner.Outputs);
        Assert.Equal(2, runner.LabelCount);
        Assert.Equal(4, runner.RowWidth);
        var rows = runner.Run(new TokenBatch(Cases.Select(c => c.InputIds).ToList()));
        for (var i = 0; i < Cases.Count; i++)
        {
            float[] expected = [.. Cases[i].Logits, .. Cases[i].PostLogits];
            Assert.Equal(expected.Length, rows[i].Length);
            for (var j = 0; j < expected.Length; j++)
            {
                Assert.Equal(expected[j], rows[i][j], Tolerance);
            }
        }
    }

    [Fact]
    public async Task Without_kind_outputs_only_the_first_output_is_fetched_and_posts_use_the_main_head()
    {
        using var model = new TempModel(Fixture);
        model.EditConfig(c => c.Remove("kind_outputs"));

        using (var runner = RawBatchRunner.Open(Fixtures.Options(model.Directory)))
        {
            Assert.Equal(["logits"], runner.Outputs);
            Assert.Equal(2, runner.RowWidth);
        }

        await using var classifier = await FakeNewsClassifier.CreateAsync(Fixtures.Options(model.Directory));
        var result = await classifier.ClassifyAsync(FirstPost.Request);
        Assert.Equal(FirstPost.MainHead, result.PFake, Tolerance);
        Assert.Equal("real", result.Label);
    }

    [Fact]
    public async Task A_kind_output_the_graph_lacks_fails_at_load_listing_the_outputs()
    {
        using var model = new TempModel();
        model.EditConfig(c =>
        {
            c["outputs"] = new JsonArray("logits", "post_logits");
            c["kind_outputs"] = new JsonObject { ["post"] = "post_logits" };
        });

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => FakeNewsClassifier.CreateAsync(Fixtures.Options(model.Directory)));

        Assert.Contains("no output 'post_logits'", error.Message);
        Assert.Contains("it has [logits]", error.Message);
    }
}

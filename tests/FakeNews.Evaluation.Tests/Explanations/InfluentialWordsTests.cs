using System.Text.Json;
using FakeNews.Core.Classification;
using FakeNews.Core.Explanations;
using FakeNews.Evaluation.Data;
using FakeNews.Evaluation.Explanations;

namespace FakeNews.Evaluation.Tests.Explanations;

public sealed class InfluentialWordsTests
{
    private static readonly ClassificationResult Verdict = new("fake", 0.6f, new Dictionary<string, float>(), 3, [], "m@1", 1);

    private static (EvalExample, Explanation) Example(int i, bool isFake, params (string Word, float Weight)[] words)
    {
        var text = string.Join(' ', words.Select(w => w.Word));
        var attributions = new List<Attribution> { new(AttributionSources.Metadata, "speaker", 0, 3, "bob", 0.9f) };
        var position = 0;
        foreach (var (word, weight) in words)
        {
            attributions.Add(new Attribution(AttributionSources.Text, null, position, position + word.Length, word, weight));
            position += word.Length + 1;
        }

        return (new EvalExample(i + 2, $"e{i}", isFake, text, null, null, new Dictionary<string, string>()), new Explanation(Verdict, AttributionGranularity.Word, attributions));
    }

    [Fact]
    public void Words_are_ranked_per_true_label_by_mean_weight_case_insensitively_and_rare_words_are_left_out()
    {
        var items = new List<(EvalExample, Explanation)>();
        for (var i = 0; i < 6; i++)
        {
            items.Add(Example(i, isFake: true, (i % 2 == 0 ? "Obama" : "obama", 0.2f), ("taxes", -0.1f), ("the", 0.01f), ($"rare{i}", 0.5f)));
            items.Add(Example(10 + i, isFake: false, ("jobs", -0.3f), ("the", 0.02f), ("taxes", 0.05f), ("grew", -0.01f), ("once", i == 0 ? 0.9f : 0f)));
        }

        items.Add(Example(99, isFake: true, ("long", 0.4f)) with { Item2 = new Explanation(Verdict, AttributionGranularity.Sentence, [new Attribution(AttributionSources.Text, null, 0, 4, "long", 0.4f)]) });
        var explanations = items.ToDictionary(x => x.Item1.Id, x => x.Item2);

        var classes = InfluentialWords.Aggregate(items.Select(x => x.Item1).ToList(), explanations);

        var fake = classes.Single(c => c.Label == "fake");
        Assert.Equal(6, fake.Examples);
        Assert.Equal(["obama", "the", "taxes"], fake.TowardFake.Select(w => w.Word));
        Assert.Equal(new WordInfluence("obama", 6, 0.2, 1.2), fake.TowardFake[0] with { MeanWeight = Math.Round(fake.TowardFake[0].MeanWeight, 6), TotalWeight = Math.Round(fake.TowardFake[0].TotalWeight, 6) });
        Assert.Equal("taxes", fake.TowardReal[0].Word);
        var real = classes.Single(c => c.Label == "real");
        Assert.Equal(["jobs", "grew", "the", "taxes", "once"], real.TowardReal.Select(w => w.Word));
        Assert.Equal(0.15, real.TowardFake.Single(w => w.Word == "once").MeanWeight, 6);
        Assert.DoesNotContain(classes.SelectMany(c => c.TowardFake), w => w.Word == "bob" || w.Word.StartsWith("rare", StringComparison.Ordinal) || w.Word == "long");
    }

    [Fact]
    public void The_file_lists_both_directions_for_each_class()
    {
        var (example, explanation) = Example(0, true, ("a", 0.1f));
        var classes = InfluentialWords.Aggregate([example], new Dictionary<string, Explanation> { [example.Id] = explanation });

        using var json = JsonDocument.Parse(InfluentialWords.ToJson(classes));

        Assert.Equal(InfluentialWords.MinCount, json.RootElement.GetProperty("min_count").GetInt32());
        Assert.Equal(["fake", "real"], json.RootElement.GetProperty("classes").EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, json.RootElement.GetProperty("classes").GetProperty("fake").GetProperty("examples").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("classes").GetProperty("fake").GetProperty("toward_fake").GetArrayLength());
    }
}

using FakeNews.Evaluation.Data;
using FakeNews.Evaluation.Scoring;
using FakeNews.Evaluation.Slices;

namespace FakeNews.Evaluation.Tests.Slices;

public sealed class SliceAnalyzerTests
{
    private static Prediction Make(int i, bool isFake, bool predictedFake, double pFake, params (string Key, string Value)[] keys) => new(
        new EvalExample(i + 1, $"id{i}", isFake, $"text {i}", null, null, keys.ToDictionary(k => k.Key, k => k.Value)),
        predictedFake,
        pFake,
        3);

    [Theory]
    [InlineData(1, "1-10 words")]
    [InlineData(10, "1-10 words")]
    [InlineData(11, "11-20 words")]
    [InlineData(40, "21-40 words")]
    [InlineData(320, "161-320 words")]
    [InlineData(640, "321-640 words")]
    [InlineData(641, "641+ words")]
    public void Length_buckets_count_whitespace_separated_words(int words, string bucket)
    {
        var text = string.Join(" \n", Enumerable.Repeat("w", words));

        Assert.Equal(bucket, SliceKeys.LengthBucket(new EvalExample(1, "x", true, text, null, null, new Dictionary<string, string>())));
    }

    [Fact]
    public void Subjects_are_split_on_commas_and_blank_values_get_their_own_slice()
    {
        var example = new EvalExample(1, "x", true, "t", null, null, new Dictionary<string, string> { ["subject"] = "economy, jobs,economy", ["state"] = "" });

        Assert.Equal([("subject", "economy"), ("subject", "jobs"), ("state", SliceKeys.Blank), ("length", "1-10 words")], SliceKeys.Of(example));
    }

    [Fact]
    public void Each_slice_has_its_count_accuracy_and_roc_auc_where_defined()
    {
        Prediction[] predictions =
        [
            Make(0, true, true, 0.9, ("party", "a")),
            Make(1, false, true, 0.6, ("party", "a")),
            Make(2, false, false, 0.1, ("party", "a")),
            Make(3, true, false, 0.4, ("party", "b")),
        ];

        var slices = SliceAnalyzer.Analyze(predictions).Where(s => s.Key == "party").ToList();

        var a = slices[0];
        Assert.Equal(("a", 3, 1), (a.Value, a.N, a.Fake));
        Assert.Equal(2.0 / 3, a.Accuracy, 12);
        Assert.Equal(1.0, a.RocAuc);
        var b = slices[1];
        Assert.Equal(("b", 1, 0.0), (b.Value, b.N, b.Accuracy));
        Assert.Null(b.RocAuc);
    }

    [Fact]
    public void Only_the_twenty_most_frequent_values_of_a_key_are_kept()
    {
        var predictions = Enumerable.Range(0, 25).SelectMany(s => Enumerable.Range(0, s + 1).Select(k => Make(s * 100 + k, k % 2 == 0, true, 0.7, ("speaker", $"s{s:D2}")))).ToList();

        var speakers = SliceAnalyzer.Analyze(predictions).Where(s => s.Key == "speaker").ToList();

        Assert.Equal(SliceAnalyzer.MaxValuesPerKey, speakers.Count);
        Assert.Equal("s24", speakers[0].Value);
        Assert.Equal("s05", speakers[^1].Value);
    }

    [Fact]
    public void A_slice_with_far_more_errors_than_overall_is_flagged_and_a_typical_one_is_not()
    {
        // Overall 300 examples at 80 % accuracy, except a 30-example slice that is always wrong.
        var predictions = new List<Prediction>();
        for (var i = 0; i < 270; i++)
        {
            var correct = i % 27 >= 3; // 90 % inside the typical slice
            predictions.Add(Make(i, true, correct, correct ? 0.8 : 0.3, ("party", "typical")));
        }

        for (var i = 270; i < 300; i++)
        {
            predictions.Add(Make(i, true, false, 0.2, ("party", "hard")));
        }

        var slices = SliceAnalyzer.Analyze(predictions).Where(s => s.Key == "party").ToDictionary(s => s.Value);

        Assert.True(slices["hard"].SignificantlyWorse);
        Assert.True(slices["hard"].PValue < 1e-10);
        Assert.False(slices["typical"].SignificantlyWorse);
    }

    [Fact]
    public void A_small_slice_that_is_a_little_worse_is_not_flagged()
    {
        var predictions = Enumerable.Range(0, 100).Select(i => Make(i, true, i % 4 != 0, 0.6, ("party", i < 5 ? "small" : "big"))).ToList();

        var small = SliceAnalyzer.Analyze(predictions).Single(s => s.Value == "small");

        Assert.Equal(0.6, small.Accuracy, 12); // two errors in five vs 25 % overall: P(X >= 2 | 5, .25) = .37
        Assert.Equal(1 - Math.Pow(0.75, 5) - 5 * 0.25 * Math.Pow(0.75, 4), small.PValue, 12);
        Assert.False(small.SignificantlyWorse);
    }

    [Fact]
    public void Six_way_labels_and_length_buckets_keep_their_natural_order()
    {
        var labels = new[] { "true", "pants-fire", "half-true", "false" };
        var predictions = labels.Select((l, i) => Make(i, i % 2 == 1, true, 0.7, (SliceKeyNames.SixWayLabel, l))).ToList();

        var order = SliceAnalyzer.Analyze(predictions).Where(s => s.Key == SliceKeyNames.SixWayLabel).Select(s => s.Value);

        Assert.Equal(["pants-fire", "false", "half-true", "true"], order);
    }
}

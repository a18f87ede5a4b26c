using FakeNews.Evaluation.Comparison;
using FakeNews.Evaluation.Data;
using FakeNews.Evaluation.Scoring;

namespace FakeNews.Evaluation.Tests.Comparison;

public sealed class ComparerTests
{
    private static readonly DataInfo Data = new("data.csv", new string('a', 64), "csv");

    private static EvalFolder Folder(string model, Func<int, bool> wrong, DataInfo? data = null, int n = 30, bool reverse = false)
    {
        var predictions = Enumerable.Range(0, n).Select(i =>
        {
            var isFake = i % 2 == 0;
            var predictedFake = wrong(i) ? !isFake : isFake;
            var example = new EvalExample(i + 2, $"x{i}", isFake, $"text {i}", null, null, new Dictionary<string, string> { ["party"] = i < 10 ? "p" : "q" });
            return new Prediction(example, predictedFake, predictedFake ? 0.8 : 0.2, 4);
        });
        return new EvalFolder(model, new ModelRunInfo(model + "@1", model, "CPU", 0.5, false), data ?? Data, (reverse ? predictions.Reverse() : predictions).ToList());
    }

    [Fact]
    public void Paired_counts_give_mcnemar_the_difference_and_the_disagreements()
    {
        // A is wrong on multiples of 5 (6 of 30), B only on multiples of 10 (3 of 30): A alone wrong on 5, 15, 25.
        var result = Comparer.Compare(Folder("a", i => i % 5 == 0), Folder("b", i => i % 10 == 0));

        Assert.Equal(3, result.McNemar.OnlyAWrong);
        Assert.Equal(0, result.McNemar.OnlyBWrong);
        Assert.Equal(0.25, result.McNemar.ExactP, 12);
        Assert.Equal(0.1, result.AccuracyDifference, 12);
        Assert.Equal(["x5", "x15", "x25"], result.Disagreements.Select(d => d.A.Example.Id));
        Assert.Equal(0.8, result.A.Metrics.Accuracy, 12);
        Assert.Equal(0.9, result.B.Metrics.Accuracy, 12);
    }

    [Fact]
    public void The_paired_bootstrap_never_goes_below_zero_when_b_is_never_worse_on_an_example()
    {
        var result = Comparer.Compare(Folder("a", i => i % 5 == 0), Folder("b", i => i % 10 == 0));

        // An unpaired bootstrap of two accuracies with 30 examples would reach well below zero.
        Assert.Equal(0, result.AccuracyDifferenceCi!.Lower);
        Assert.InRange(result.AccuracyDifferenceCi.Upper, 0.1, 0.25);
    }

    [Fact]
    public void Predictions_are_paired_by_id_whatever_their_order()
    {
        var result = Comparer.Compare(Folder("a", i => i % 5 == 0), Folder("b", i => i % 10 == 0, reverse: true));

        Assert.Equal(3, result.Disagreements.Count);
        Assert.All(result.Disagreements, d => Assert.Equal(d.A.Example.Id, d.B.Example.Id));
    }

    [Fact]
    public void Per_slice_differences_use_the_same_examples_for_both_models()
    {
        var result = Comparer.Compare(Folder("a", i => i % 5 == 0), Folder("b", i => i % 10 == 0));

        var p = result.Slices.Single(s => s.Key == "party" && s.Value == "p"); // x0..x9: A wrong on 0, 5; B on 0
        Assert.Equal((10, 0.8, 0.9), (p.N, p.AccuracyA, p.AccuracyB));
        Assert.Equal(0.1, p.Difference, 12);
        Assert.Equal(1.0, p.McNemarP, 12);
    }

    [Fact]
    public void Folders_evaluated_on_different_data_are_refused()
    {
        var other = Data with { Sha256 = new string('b', 64) };

        var error = Assert.Throws<EvaluationException>(() => Comparer.Compare(Folder("a", _ => false), Folder("b", _ => false, other)));

        Assert.Contains("different data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folders_with_different_ids_are_refused()
    {
        var error = Assert.Throws<EvaluationException>(() => Comparer.Compare(Folder("a", _ => false), Folder("b", _ => false, n: 29)));

        Assert.Contains("do not hold the same example ids", error.Message, StringComparison.Ordinal);
    }
}

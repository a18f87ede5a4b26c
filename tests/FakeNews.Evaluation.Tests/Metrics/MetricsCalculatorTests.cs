using FakeNews.Evaluation.Metrics;

namespace FakeNews.Evaluation.Tests.Metrics;

public sealed class MetricsCalculatorTests
{
    // Hand-computed case: truth F F F R R R, p_fake .95 .62 .35 .72 .15 .05, threshold 0.5.
    private static readonly bool[] Truth = [true, true, true, false, false, false];
    private static readonly double[] Scores = [0.95, 0.62, 0.35, 0.72, 0.15, 0.05];
    private static readonly bool[] Predicted = Scores.Select(p => p >= 0.5).ToArray();
    private const double Tolerance = 1e-12;

    [Fact]
    public void Hand_computed_case_gives_every_metric_exactly()
    {
        var m = MetricsCalculator.Compute(Truth, Predicted, Scores);

        Assert.Equal(new ConfusionCounts(Tp: 2, Fp: 1, Tn: 2, Fn: 1), m.Confusion);
        Assert.Equal(6, m.N);
        Assert.Equal(4.0 / 6, m.Accuracy, Tolerance);
        Assert.Equal(2.0 / 3, m.PrecisionFake, Tolerance);
        Assert.Equal(2.0 / 3, m.RecallFake, Tolerance);
        Assert.Equal(2.0 / 3, m.F1Fake, Tolerance);
        Assert.Equal(2.0 / 3, m.F1Real, Tolerance);
        Assert.Equal(2.0 / 3, m.MacroF1, Tolerance);

        // Pairs (fake, real) ranked correctly: .95 beats 3, .62 beats 2, .35 beats 2 -> 7 of 9.
        Assert.Equal(7.0 / 9, m.RocAuc!.Value, Tolerance);

        // Descending: F(.95) R(.72) F(.62) F(.35): 1/3 x 1 + 1/3 x 2/3 + 1/3 x 3/4.
        Assert.Equal(29.0 / 36, m.PrAuc!.Value, Tolerance);
        Assert.Equal((0.0025 + 0.1444 + 0.4225 + 0.5184 + 0.0225 + 0.0025) / 6, m.Brier, Tolerance);
        var logLoss = -(Math.Log(0.95) + Math.Log(0.62) + Math.Log(0.35) + Math.Log(0.28) + Math.Log(0.85) + Math.Log(0.95)) / 6;
        Assert.Equal(logLoss, m.LogLoss, Tolerance);
        Assert.Equal(0.5109881865879069, m.LogLoss, 1e-12);

        // Confidences .95 .62 .65 .72 .85 .95, correct Y Y N N Y Y: bins (.933,.967] x2, (.6,.633], (.633,.667], (.7,.733], (.833,.867].
        Assert.Equal((2 * 0.05 + 0.38 + 0.65 + 0.72 + 0.15) / 6, m.Ece, Tolerance);
        Assert.Equal(1.0 / 3, m.Ece, 1e-12);
    }

    [Fact]
    public void Class_never_predicted_has_zero_precision_and_f1()
    {
        var m = MetricsCalculator.Compute([true, false, false], [false, false, false], [0.4, 0.1, 0.2]);

        Assert.Equal(0, m.PrecisionFake);
        Assert.Equal(0, m.RecallFake);
        Assert.Equal(0, m.F1Fake);
        Assert.Equal(2.0 / 3, m.Accuracy, Tolerance);
        Assert.Equal(0.8, m.F1Real, Tolerance);
    }

    [Fact]
    public void Single_class_data_has_no_roc_auc_and_pr_auc_needs_a_fake()
    {
        var allReal = MetricsCalculator.Compute([false, false], [false, true], [0.2, 0.7]);
        var allFake = MetricsCalculator.Compute([true, true], [true, false], [0.8, 0.3]);

        Assert.Null(allReal.RocAuc);
        Assert.Null(allReal.PrAuc);
        Assert.Null(allFake.RocAuc);
        Assert.Equal(1.0, allFake.PrAuc!.Value, Tolerance);
    }

    [Fact]
    public void Log_loss_of_a_certain_mistake_is_clipped_not_infinite()
    {
        var m = MetricsCalculator.Compute([true], [false], [0.0]);

        Assert.Equal(-Math.Log(1e-15), m.LogLoss, 1e-9);
    }

    [Fact]
    public void Mismatched_lengths_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => MetricsCalculator.Compute([true, false], [true], [0.5, 0.5]));
        Assert.Throws<ArgumentException>(() => MetricsCalculator.Compute([], [], []));
    }
}

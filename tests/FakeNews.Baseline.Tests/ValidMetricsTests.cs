using FakeNews.Baseline.Training;

namespace FakeNews.Baseline.Tests;

public sealed class ValidMetricsTests
{
    [Fact]
    public void Metrics_match_a_hand_computed_example_with_a_tie()
    {
        // Fake scores 0.9, 0.4; real scores 0.4, 0.1. Pairs: (0.9>0.4) 1, (0.9>0.1) 1, (0.4=0.4) 0.5, (0.4>0.1) 1 => 3.5/4.
        bool[] isFake = [true, true, false, false];
        float[] p = [0.9f, 0.4f, 0.4f, 0.1f];
        var m = ValidMetrics.Compute(isFake, p);
        Assert.Equal(0.875, m.RocAuc, 12);
        Assert.Equal(0.75, m.Accuracy, 12); // 0.4 < 0.5 -> real: one fake missed
        Assert.Equal(2.0 / 3.0, m.F1Fake, 12); // tp 1, fp 0, fn 1
        var expectedLogLoss = -(Math.Log(0.9f) + Math.Log(0.4f) + Math.Log(1 - 0.4f) + Math.Log(1 - 0.1f)) / 4;
        Assert.Equal(expectedLogLoss, m.LogLoss, 6);
    }

    [Fact]
    public void Auc_is_undefined_with_one_class()
    {
        Assert.True(double.IsNaN(ValidMetrics.AreaUnderRoc([true, true], [0.2f, 0.3f])));
    }
}

using FakeNews.Evaluation.Metrics;

namespace FakeNews.Evaluation.Tests.Metrics;

public sealed class CalibrationTests
{
    [Theory]
    [InlineData(0.5, 0)]
    [InlineData(0.52, 0)]
    [InlineData(0.55, 1)]
    [InlineData(0.61, 3)]
    [InlineData(0.75, 7)]
    [InlineData(0.999, 14)]
    [InlineData(1.0, 14)]
    public void Confidence_falls_in_the_documented_equal_width_bin(double confidence, int bin)
    {
        Assert.Equal(bin, Calibration.BinOf(confidence));
    }

    [Fact]
    public void Upper_edges_belong_to_the_lower_bin()
    {
        // Bin 0 is [0.5, 0.5 + 1/30]; its upper edge is in it, the next value up is not.
        var edge = 0.5 + 0.5 / Calibration.Bins;
        Assert.Equal(0, Calibration.BinOf(edge));
        Assert.Equal(1, Calibration.BinOf(Math.BitIncrement(edge)));
    }

    [Fact]
    public void Reliability_uses_top_label_confidence_and_keeps_empty_bins()
    {
        // p_fake .22 predicts real with confidence .78; p_fake .78 predicts fake with confidence .78; all in (.767, .8].
        var bins = Calibration.Reliability([false, true, true, false], [0.22, 0.78, 0.21, 0.79]);

        Assert.Equal(Calibration.Bins, bins.Count);
        var bin = Assert.Single(bins, b => b.Count > 0);
        Assert.Equal(4, bin.Count);
        Assert.Equal(0.5, bin.Accuracy, 1e-12);
        Assert.Equal((0.78 + 0.78 + 0.79 + 0.79) / 4, bin.MeanConfidence, 1e-12);
        Assert.Equal(0.5 + 0.5 * 8 / 15, bin.Lower, 1e-12);
        Assert.Equal(0.8, bin.Upper, 1e-12);
    }

    [Fact]
    public void Ece_is_zero_when_accuracy_matches_confidence_in_every_bin()
    {
        // Four predictions at confidence .75: three right, one wrong.
        Assert.Equal(0, Calibration.ExpectedCalibrationError([true, true, true, false], [0.75, 0.75, 0.75, 0.75]), 12);
    }

    [Fact]
    public void Ece_weights_each_bin_by_its_share_of_examples()
    {
        // Bin of .95 (2 right): gap .05; bin of .55 (1 wrong): gap .55 -> (2 x .05 + .55) / 3.
        Assert.Equal((2 * 0.05 + 0.55) / 3, Calibration.ExpectedCalibrationError([true, false, false], [0.95, 0.05, 0.55]), 12);
    }
}

namespace FakeNews.Evaluation.Metrics;

/// <summary>One bin of a reliability diagram.</summary>
/// <param name="Lower">Lower edge of the confidence bin.</param>
/// <param name="Upper">Upper edge of the confidence bin.</param>
/// <param name="Count">Examples whose confidence falls in the bin.</param>
/// <param name="MeanConfidence">Their mean confidence (0 when empty).</param>
/// <param name="Accuracy">Their accuracy (0 when empty).</param>
public sealed record ReliabilityBin(double Lower, double Upper, int Count, double MeanConfidence, double Accuracy);

/// <summary>
/// Top-label calibration, as in training (scripts/fakenews_train/metrics.py) and Guo et al. 2017: the prediction is the
/// arg-max class (fake when p_fake >= 0.5, whatever the serving threshold) and its confidence max(p_fake, 1 - p_fake)
/// lies in [0.5, 1]. That range is cut into <see cref="Bins"/> = 15 equal-width bins; bin 1 is [0.5, 0.5333], every
/// later bin is (lower, upper]. ECE = sum over bins of (count / n) x |accuracy - mean confidence|.
/// </summary>
public static class Calibration
{
    /// <summary>The number of equal-width confidence bins.</summary>
    public const int Bins = 15;

    /// <summary>The expected calibration error (0 = perfectly calibrated).</summary>
    public static double ExpectedCalibrationError(IReadOnlyList<bool> isFake, IReadOnlyList<double> pFake)
    {
        var n = isFake.Count;
        return Reliability(isFake, pFake).Sum(b => (double)b.Count / n * Math.Abs(b.Accuracy - b.MeanConfidence));
    }

    /// <summary>The <see cref="Bins"/> reliability bins, empty ones included.</summary>
    public static IReadOnlyList<ReliabilityBin> Reliability(IReadOnlyList<bool> isFake, IReadOnlyList<double> pFake)
    {
        var counts = new int[Bins];
        var confidence = new double[Bins];
        var correct = new double[Bins];
        for (var i = 0; i < isFake.Count; i++)
        {
            var predictedFake = pFake[i] >= 0.5;
            var c = predictedFake ? pFake[i] : 1 - pFake[i];
            var bin = BinOf(c);
            counts[bin]++;
            confidence[bin] += c;
            correct[bin] += predictedFake == isFake[i] ? 1 : 0;
        }

        return Enumerable.Range(0, Bins)
            .Select(b => new ReliabilityBin(
                Edge(b),
                Edge(b + 1),
                counts[b],
                counts[b] == 0 ? 0 : confidence[b] / counts[b],
                counts[b] == 0 ? 0 : correct[b] / counts[b]))
            .ToList();
    }

    /// <summary>The bin of a confidence in [0.5, 1]: bin b holds (edge b, edge b+1], bin 0 also its lower edge.</summary>
    internal static int BinOf(double confidence)
    {
        for (var b = 0; b < Bins; b++)
        {
            if (confidence <= Edge(b + 1))
            {
                return b;
            }
        }

        return Bins - 1;
    }

    private static double Edge(int b) => 0.5 + 0.5 * b / Bins;
}

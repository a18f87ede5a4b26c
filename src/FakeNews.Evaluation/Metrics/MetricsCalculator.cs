namespace FakeNews.Evaluation.Metrics;

/// <summary>
/// Computes <see cref="BinaryMetrics"/> from true labels, predicted labels and calibrated <c>p_fake</c>.
/// Definitions: log loss = mean of -ln p(true label) with p clipped to [1e-15, 1 - 1e-15]; Brier = mean of
/// (p_fake - y)^2; ROC-AUC by <see cref="Ranking.RocAuc"/>; PR-AUC = average precision (<see cref="Ranking.AveragePrecision"/>);
/// ECE by <see cref="Calibration.ExpectedCalibrationError"/>.
/// </summary>
public static class MetricsCalculator
{
    private const double Epsilon = 1e-15;

    /// <summary>Computes every metric. The three lists must have the same, non-zero length.</summary>
    public static BinaryMetrics Compute(IReadOnlyList<bool> isFake, IReadOnlyList<bool> predictedFake, IReadOnlyList<double> pFake)
    {
        var n = isFake.Count;
        if (n == 0 || predictedFake.Count != n || pFake.Count != n)
        {
            throw new ArgumentException($"metrics need equally long, non-empty inputs; got {n} labels, {predictedFake.Count} predictions, {pFake.Count} scores", nameof(isFake));
        }

        var confusion = Confusion(isFake, predictedFake);
        var (tp, fp, tn, fn) = (confusion.Tp, confusion.Fp, confusion.Tn, confusion.Fn);
        var precisionFake = Ratio(tp, tp + fp);
        var recallFake = Ratio(tp, tp + fn);
        var f1Fake = F1(tp, fp, fn);
        var f1Real = F1(tn, fn, fp);
        double logLoss = 0, brier = 0;
        for (var i = 0; i < n; i++)
        {
            var y = isFake[i] ? 1.0 : 0.0;
            var p = Math.Clamp(pFake[i], Epsilon, 1 - Epsilon);
            logLoss -= isFake[i] ? Math.Log(p) : Math.Log(1 - p);
            brier += (pFake[i] - y) * (pFake[i] - y);
        }

        return new BinaryMetrics(
            n,
            (double)(tp + tn) / n,
            Ranking.RocAuc(isFake, pFake),
            Ranking.AveragePrecision(isFake, pFake),
            f1Fake,
            precisionFake,
            recallFake,
            f1Real,
            (f1Fake + f1Real) / 2,
            logLoss / n,
            brier / n,
            Calibration.ExpectedCalibrationError(isFake, pFake),
            confusion);
    }

    /// <summary>The confusion counts.</summary>
    public static ConfusionCounts Confusion(IReadOnlyList<bool> isFake, IReadOnlyList<bool> predictedFake)
    {
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < isFake.Count; i++)
        {
            _ = (isFake[i], predictedFake[i]) switch
            {
                (true, true) => tp++,
                (false, true) => fp++,
                (false, false) => tn++,
                (true, false) => fn++,
            };
        }

        return new ConfusionCounts(tp, fp, tn, fn);
    }

    /// <summary>Fraction of equal entries.</summary>
    public static double Accuracy(IReadOnlyList<bool> isFake, IReadOnlyList<bool> predictedFake)
    {
        var correct = 0;
        for (var i = 0; i < isFake.Count; i++)
        {
            correct += isFake[i] == predictedFake[i] ? 1 : 0;
        }

        return (double)correct / isFake.Count;
    }

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : (double)numerator / denominator;

    private static double F1(int tp, int fp, int fn) => tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
}

namespace FakeNews.Baseline.Training;

/// <summary>Binary metrics of one model on a labelled set (fake is the positive class).</summary>
/// <param name="N">Examples.</param>
/// <param name="RocAuc">Area under the ROC curve (ties count one half).</param>
/// <param name="Accuracy">Share right at the threshold.</param>
/// <param name="F1Fake">F1 of the fake class at the threshold.</param>
/// <param name="LogLoss">Mean negative log-likelihood (natural log, probabilities clipped to [1e-7, 1 - 1e-7]).</param>
public sealed record ValidMetrics(int N, double RocAuc, double Accuracy, double F1Fake, double LogLoss)
{
    /// <summary>Computes the metrics of probabilities <paramref name="pFake"/> against <paramref name="isFake"/>.</summary>
    public static ValidMetrics Compute(IReadOnlyList<bool> isFake, IReadOnlyList<float> pFake, double threshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(isFake);
        ArgumentNullException.ThrowIfNull(pFake);
        if (isFake.Count != pFake.Count || isFake.Count == 0)
        {
            throw new ArgumentException($"Need as many probabilities ({pFake.Count}) as labels ({isFake.Count}), at least one.", nameof(pFake));
        }

        int tp = 0, fp = 0, fn = 0, right = 0;
        var logLoss = 0.0;
        for (var i = 0; i < isFake.Count; i++)
        {
            var predicted = pFake[i] >= threshold;
            right += predicted == isFake[i] ? 1 : 0;
            tp += predicted && isFake[i] ? 1 : 0;
            fp += predicted && !isFake[i] ? 1 : 0;
            fn += !predicted && isFake[i] ? 1 : 0;
            var p = Math.Clamp(pFake[i], 1e-7, 1 - 1e-7);
            logLoss -= isFake[i] ? Math.Log(p) : Math.Log(1 - p);
        }

        var f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        return new ValidMetrics(isFake.Count, AreaUnderRoc(isFake, pFake), (double)right / isFake.Count, f1, logLoss / isFake.Count);
    }

    /// <summary>Mann-Whitney ROC-AUC with tied scores sharing their average rank; NaN when a class is absent.</summary>
    public static double AreaUnderRoc(IReadOnlyList<bool> isFake, IReadOnlyList<float> pFake)
    {
        ArgumentNullException.ThrowIfNull(isFake);
        ArgumentNullException.ThrowIfNull(pFake);
        var order = Enumerable.Range(0, pFake.Count).OrderBy(i => pFake[i]).ToArray();
        var ranks = new double[order.Length];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && pFake[order[end + 1]] == pFake[order[start]])
            {
                end++;
            }

            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = (start + end) / 2.0 + 1;
            }

            start = end + 1;
        }

        long positives = isFake.Count(f => f), negatives = isFake.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        var rankSum = Enumerable.Range(0, isFake.Count).Where(i => isFake[i]).Sum(i => ranks[i]);
        return (rankSum - positives * (positives + 1) / 2.0) / (positives * (double)negatives);
    }
}

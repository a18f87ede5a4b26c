namespace FakeNews.Evaluation.Metrics;

/// <summary>Ranking metrics of <c>p_fake</c> (fake is the positive class) and the curves they summarise.</summary>
public static class Ranking
{
    /// <summary>
    /// ROC-AUC as the Mann-Whitney statistic: the probability that a random fake example scores higher than a random
    /// real one, ties counting one half (average ranks). Equals the trapezoidal area under <see cref="RocCurve"/>.
    /// Null when either class is absent. O(n log n).
    /// </summary>
    public static double? RocAuc(IReadOnlyList<bool> isFake, IReadOnlyList<double> score)
    {
        var n = isFake.Count;
        var positives = isFake.Count(f => f);
        var negatives = n - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }

        var order = Enumerable.Range(0, n).OrderBy(i => score[i]).ToArray();
        double positiveRankSum = 0;
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j + 1 < n && score[order[j + 1]] == score[order[i]])
            {
                j++;
            }

            var averageRank = (i + j) / 2.0 + 1;
            for (var k = i; k <= j; k++)
            {
                positiveRankSum += isFake[order[k]] ? averageRank : 0;
            }

            i = j + 1;
        }

        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>
    /// Average precision: sum over distinct thresholds t (descending) of (R(t) - R(previous)) x P(t), where examples
    /// with equal scores enter together. The step-wise PR-AUC (no interpolation), as scikit-learn computes it.
    /// Null when there is no fake example.
    /// </summary>
    public static double? AveragePrecision(IReadOnlyList<bool> isFake, IReadOnlyList<double> score)
    {
        var positives = isFake.Count(f => f);
        if (positives == 0)
        {
            return null;
        }

        double area = 0, previousRecall = 0;
        foreach (var point in Thresholds(isFake, score))
        {
            var recall = (double)point.Tp / positives;
            area += (recall - previousRecall) * point.Tp / (point.Tp + point.Fp);
            previousRecall = recall;
        }

        return area;
    }

    /// <summary>ROC points (false positive rate, true positive rate) from (0, 0) to (1, 1), one per distinct score.</summary>
    public static IReadOnlyList<(double Fpr, double Tpr)> RocCurve(IReadOnlyList<bool> isFake, IReadOnlyList<double> score)
    {
        var positives = Math.Max(1, isFake.Count(f => f));
        var negatives = Math.Max(1, isFake.Count - isFake.Count(f => f));
        var points = new List<(double, double)> { (0, 0) };
        points.AddRange(Thresholds(isFake, score).Select(p => ((double)p.Fp / negatives, (double)p.Tp / positives)));
        return points;
    }

    /// <summary>Precision-recall points (recall, precision), one per distinct score, highest threshold first.</summary>
    public static IReadOnlyList<(double Recall, double Precision)> PrecisionRecallCurve(IReadOnlyList<bool> isFake, IReadOnlyList<double> score)
    {
        var positives = Math.Max(1, isFake.Count(f => f));
        return Thresholds(isFake, score).Select(p => ((double)p.Tp / positives, (double)p.Tp / (p.Tp + p.Fp))).ToList();
    }

    /// <summary>Cumulative (tp, fp) when predicting fake for score >= t, for each distinct t from the highest down.</summary>
    private static IEnumerable<(int Tp, int Fp)> Thresholds(IReadOnlyList<bool> isFake, IReadOnlyList<double> score)
    {
        var order = Enumerable.Range(0, isFake.Count).OrderByDescending(i => score[i]).ToArray();
        int tp = 0, fp = 0;
        for (var i = 0; i < order.Length; i++)
        {
            _ = isFake[order[i]] ? tp++ : fp++;
            if (i + 1 == order.Length || score[order[i + 1]] != score[order[i]])
            {
                yield return (tp, fp);
            }
        }
    }
}

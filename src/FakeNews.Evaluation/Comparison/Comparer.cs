using FakeNews.Evaluation.Metrics;
using FakeNews.Evaluation.Scoring;
using FakeNews.Evaluation.Slices;

namespace FakeNews.Evaluation.Comparison;

/// <summary>
/// Compares two eval folders on the same data (same SHA-256 and the same ids): every metric side by side, McNemar's
/// test (exact binomial and continuity-corrected chi-square) on paired correctness, a paired percentile bootstrap
/// interval of the accuracy difference (the same resampled examples for both models), per-slice accuracies and the
/// examples on which the predicted labels differ.
/// </summary>
public static class Comparer
{
    /// <summary>Compares <paramref name="a"/> (baseline) with <paramref name="b"/> (candidate).</summary>
    /// <exception cref="EvaluationException">The two folders were not evaluated on the same data.</exception>
    public static ComparisonResult Compare(EvalFolder a, EvalFolder b, int bootstrapSamples = Bootstrap.DefaultSamples, ulong seed = Bootstrap.DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!string.Equals(a.Data.Sha256, b.Data.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new EvaluationException(
                $"A and B were evaluated on different data: {a.Data.Path} (sha256 {a.Data.Sha256[..12]}) vs {b.Data.Path} (sha256 {b.Data.Sha256[..12]})");
        }

        var byId = b.Predictions.ToDictionary(p => p.Example.Id, StringComparer.Ordinal);
        if (byId.Count != a.Predictions.Count || a.Predictions.Any(p => !byId.ContainsKey(p.Example.Id)))
        {
            throw new EvaluationException($"A ({a.Predictions.Count} predictions) and B ({b.Predictions.Count}) do not hold the same example ids");
        }

        var pa = a.Predictions;
        var pb = pa.Select(p => byId[p.Example.Id]).ToList();
        var truth = pa.Select(p => p.Example.IsFake).ToArray();
        var correctA = pa.Select(p => p.Correct).ToArray();
        var correctB = pb.Select(p => p.Correct).ToArray();
        var interval = Bootstrap.Intervals(
            pa.Count,
            [idx => Mean(correctB, idx) - Mean(correctA, idx)],
            bootstrapSamples,
            seed)[0];
        return new ComparisonResult(
            new ComparedSide(a, MetricsOf(truth, pa)),
            new ComparedSide(b, MetricsOf(truth, pb)),
            McNemarOf(correctA, correctB, Enumerable.Range(0, pa.Count)),
            interval,
            bootstrapSamples,
            seed,
            SliceDifferences(pa, correctA, correctB),
            Enumerable.Range(0, pa.Count).Where(i => pa[i].PredictedFake != pb[i].PredictedFake).Select(i => (pa[i], pb[i])).ToList());
    }

    private static BinaryMetrics MetricsOf(bool[] truth, IReadOnlyList<Prediction> predictions) =>
        MetricsCalculator.Compute(truth, predictions.Select(p => p.PredictedFake).ToArray(), predictions.Select(p => p.PFake).ToArray());

    private static McNemarResult McNemarOf(bool[] correctA, bool[] correctB, IEnumerable<int> indices)
    {
        int onlyAWrong = 0, onlyBWrong = 0;
        foreach (var i in indices)
        {
            onlyAWrong += !correctA[i] && correctB[i] ? 1 : 0;
            onlyBWrong += correctA[i] && !correctB[i] ? 1 : 0;
        }

        return StatisticalTests.McNemar(onlyAWrong, onlyBWrong);
    }

    private static List<SliceDifference> SliceDifferences(IReadOnlyList<Prediction> pa, bool[] correctA, bool[] correctB)
    {
        var index = new Dictionary<Prediction, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < pa.Count; i++)
        {
            index[pa[i]] = i;
        }

        return SliceAnalyzer.Group(pa).Select(g =>
        {
            var members = g.Members.Select(p => index[p]).ToArray();
            return new SliceDifference(g.Key, g.Value, members.Length, Mean(correctA, members), Mean(correctB, members), McNemarOf(correctA, correctB, members).ExactP);
        }).ToList();
    }

    private static double Mean(bool[] values, int[] indices)
    {
        var sum = 0;
        foreach (var i in indices)
        {
            sum += values[i] ? 1 : 0;
        }

        return (double)sum / indices.Length;
    }
}

using FakeNews.Evaluation.Metrics;
using FakeNews.Evaluation.Scoring;

namespace FakeNews.Evaluation.Slices;

/// <summary>
/// Per-slice metrics. Each key keeps at most <see cref="MaxValuesPerKey"/> values, the most frequent (ties by value),
/// so speakers, subjects, states and contexts stay readable; six-way labels and length buckets keep their natural order.
/// <para>
/// "Significantly worse": under the null hypothesis that the slice's errors follow the overall error rate e, the
/// slice's error count is Binomial(n, e); the one-sided exact p-value P(X &gt;= errors) is compared with
/// <see cref="Alpha"/> / m, m being the number of slices in the table (Bonferroni). The slice is part of the overall
/// set, which makes the test slightly conservative.
/// </para>
/// </summary>
public static class SliceAnalyzer
{
    /// <summary>Most values kept per key.</summary>
    public const int MaxValuesPerKey = 20;

    /// <summary>Family-wise significance level.</summary>
    public const double Alpha = 0.05;

    /// <summary>The slice table in key order.</summary>
    public static IReadOnlyList<SliceResult> Analyze(IReadOnlyList<Prediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        if (predictions.Count == 0)
        {
            return [];
        }

        var groups = Group(predictions);
        var overallError = 1 - (double)predictions.Count(p => p.Correct) / predictions.Count;
        var overallAccuracy = 1 - overallError;
        var tests = groups.Count;
        return groups.Select(g =>
        {
            var members = g.Members;
            var errors = members.Count(p => !p.Correct);
            var accuracy = 1 - (double)errors / members.Count;
            var pValue = StatisticalTests.BinomialUpperTail(errors, members.Count, overallError);
            return new SliceResult(
                g.Key,
                g.Value,
                members.Count,
                members.Count(p => p.Example.IsFake),
                accuracy,
                Ranking.RocAuc(members.Select(p => p.Example.IsFake).ToList(), members.Select(p => p.PFake).ToList()),
                pValue,
                accuracy < overallAccuracy && pValue < Alpha / tests);
        }).ToList();
    }

    /// <summary>The kept slices with their members, in table order.</summary>
    public static IReadOnlyList<(string Key, string Value, IReadOnlyList<Prediction> Members)> Group(IReadOnlyList<Prediction> predictions)
    {
        var byKey = new Dictionary<string, Dictionary<string, List<Prediction>>>(StringComparer.Ordinal);
        foreach (var prediction in predictions)
        {
            foreach (var (key, value) in SliceKeys.Of(prediction.Example))
            {
                var values = byKey.TryGetValue(key, out var v) ? v : byKey[key] = new Dictionary<string, List<Prediction>>(StringComparer.Ordinal);
                (values.TryGetValue(value, out var list) ? list : values[value] = []).Add(prediction);
            }
        }

        var result = new List<(string, string, IReadOnlyList<Prediction>)>();
        foreach (var (key, values) in byKey.OrderBy(k => SliceKeys.OrderOf(k.Key), StringComparer.Ordinal))
        {
            var kept = values
                .OrderByDescending(v => v.Value.Count)
                .ThenBy(v => v.Key, StringComparer.Ordinal)
                .Take(MaxValuesPerKey)
                .OrderBy(v => SliceKeys.NaturalOrder(key, v.Key) ?? 0)
                .ThenByDescending(v => v.Value.Count)
                .ThenBy(v => v.Key, StringComparer.Ordinal);
            result.AddRange(kept.Select(v => (key, v.Key, (IReadOnlyList<Prediction>)v.Value)));
        }

        return result;
    }
}

namespace FakeNews.Evaluation.Metrics;

/// <summary>A two-sided percentile interval.</summary>
/// <param name="Lower">The 2.5th percentile (for 95 %).</param>
/// <param name="Upper">The 97.5th percentile.</param>
public sealed record Interval(double Lower, double Upper);

/// <summary>
/// Percentile bootstrap intervals with a fixed seed: <see cref="DefaultSamples"/> resamples of n indices drawn with
/// replacement by <see cref="SplitMix64"/>; the interval is the empirical 2.5/97.5 percentiles (linear interpolation
/// between order statistics, numpy's default). Resamples on which a statistic is undefined (e.g. ROC-AUC of a
/// one-class resample) are skipped. The same seed and data give the same interval, bit for bit.
/// </summary>
public static class Bootstrap
{
    /// <summary>Default resample count.</summary>
    public const int DefaultSamples = 1000;

    /// <summary>Default seed.</summary>
    public const ulong DefaultSeed = 20240917;

    /// <summary>
    /// Intervals for every statistic in <paramref name="statistics"/>, each computed on the same resamples.
    /// A statistic receives the resampled indices and returns null when undefined on them.
    /// </summary>
    public static IReadOnlyList<Interval?> Intervals(
        int n, IReadOnlyList<Func<int[], double?>> statistics, int samples = DefaultSamples, ulong seed = DefaultSeed, double level = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        var random = new SplitMix64(seed);
        var values = statistics.Select(_ => new List<double>(samples)).ToArray();
        var indices = new int[n];
        for (var s = 0; s < samples; s++)
        {
            for (var i = 0; i < n; i++)
            {
                indices[i] = random.NextInt(n);
            }

            for (var k = 0; k < statistics.Count; k++)
            {
                if (statistics[k](indices) is { } value && !double.IsNaN(value))
                {
                    values[k].Add(value);
                }
            }
        }

        var tail = (1 - level) / 2;
        return values.Select(v => v.Count == 0 ? null : new Interval(Percentile(v, tail), Percentile(v, 1 - tail))).ToList();
    }

    /// <summary>The <paramref name="q"/>-quantile with linear interpolation between order statistics.</summary>
    internal static double Percentile(List<double> values, double q)
    {
        values.Sort();
        var position = q * (values.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, values.Count - 1);
        return values[lower] + (position - lower) * (values[upper] - values[lower]);
    }

    /// <summary>Picks <paramref name="source"/>[i] for each resampled index.</summary>
    public static T[] Pick<T>(IReadOnlyList<T> source, int[] indices)
    {
        var result = new T[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            result[i] = source[indices[i]];
        }

        return result;
    }
}

using System.Diagnostics;
using FakeNews.Core.Classification;
using FakeNews.Core.Explanations;
using FakeNews.Serving;

namespace FakeNews.Cli.Bench;

/// <summary>The deletion curve at one k: mean change of p(fake) when the top-k units or k random units are deleted.</summary>
/// <param name="K">Units deleted.</param>
/// <param name="Items">Items with more than k units (the others are left out at this k).</param>
/// <param name="TopAbsDelta">Mean |Δ p(fake)| deleting the k units of largest |weight|.</param>
/// <param name="RandomAbsDelta">Mean |Δ p(fake)| deleting k random units.</param>
/// <param name="TopVerdictDrop">Mean drop of the verdict's probability deleting the k units that push hardest toward the verdict.</param>
/// <param name="RandomVerdictDrop">Mean drop of the verdict's probability deleting the same k random units.</param>
internal sealed record DeletionPoint(int K, int Items, double TopAbsDelta, double RandomAbsDelta, double TopVerdictDrop, double RandomVerdictDrop)
{
    /// <summary>TopAbsDelta / RandomAbsDelta; null when random deletions did not move p(fake).</summary>
    public double? AbsRatio => RandomAbsDelta > 0 ? TopAbsDelta / RandomAbsDelta : null;

    /// <summary>TopVerdictDrop / RandomVerdictDrop; null when random deletions did not weaken the verdict on average (the ratio would mislead).</summary>
    public double? VerdictRatio => RandomVerdictDrop > 0 ? TopVerdictDrop / RandomVerdictDrop : null;
}

/// <summary>What explaining cost against plain classification, one item at a time, over the <paramref name="Items"/>
/// measured; <paramref name="Refused"/> items were refused by the classifier as input (invalid or too long) and left out.</summary>
internal sealed record ExplainCost(int Items, double MeanWords, double MeanTokens, double MeanUnits, double PlainMeanMs, double ExplainMeanMs, double PlainP50Ms, double ExplainP50Ms, int Refused = 0)
{
    /// <summary>ExplainMeanMs / PlainMeanMs.</summary>
    public double Ratio => ExplainMeanMs / PlainMeanMs;
}

/// <summary>
/// Runs each item alone (so latencies are the item's own): plain classification, then explanation, then for each k
/// the deletions of the strongest, the verdict's strongest and random units, classified together. Random draws are
/// seeded per item. An item the classifier refuses as input (not English, only a link, too long) is counted and left
/// out, and so is a k whose deletions leave a text it refuses: a data set with such lines is still measured.
/// </summary>
internal static class ExplainBenchRunner
{
    public static async Task<(IReadOnlyList<DeletionPoint> Curve, ExplainCost Cost, string Granularity)> RunAsync(
        IReadOnlyList<ClassificationRequest> requests, IServedClassifier classifier, IReadOnlyList<int> ks, int seed, Action onItem, CancellationToken cancellationToken)
    {
        var sums = ks.ToDictionary(k => k, _ => new double[5]);
        var plainMs = new List<double>();
        var explainMs = new List<double>();
        double words = 0, tokens = 0, units = 0;
        var granularities = new HashSet<string>();
        var refused = 0;
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            double plain, explained;
            Explanation explanation;
            try
            {
                var started = Stopwatch.GetTimestamp();
                await classifier.ClassifyAsync(request, cancellationToken).ConfigureAwait(false);
                plain = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                started = Stopwatch.GetTimestamp();
                explanation = await classifier.ExplainAsync(request, cancellationToken).ConfigureAwait(false);
                explained = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
            catch (ClassificationException e) when (e.IsInputFault)
            {
                refused++;
                onItem();
                continue;
            }

            plainMs.Add(plain);
            explainMs.Add(explained);
            granularities.Add(Explanation.GranularityName(explanation.Granularity));
            words += (request.Title + " " + request.Text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
            tokens += explanation.Result.Tokens;
            units += explanation.Attributions.Count;
            var pFake = explanation.Result.PFake;
            var verdictFake = explanation.Result.Label == "fake";
            // Not HashCode.Combine: its seed changes with every process, and the draws must repeat across runs.
            var random = new Random(unchecked((seed * 1_000_003) + i));
            foreach (var k in ks)
            {
                if (explanation.Attributions.Count <= k)
                {
                    continue;
                }

                var variants = new[]
                {
                    Deletion.Without(request, Deletion.Strongest(explanation.Attributions, k)),
                    Deletion.Without(request, Deletion.TowardVerdict(explanation.Attributions, k, verdictFake)),
                    Deletion.Without(request, Deletion.Random(explanation.Attributions, k, random)),
                };
                if (variants.Any(v => v is null))
                {
                    continue;
                }

                ClassificationResult[] results;
                try
                {
                    results = await Task.WhenAll(variants.Select(v => classifier.ClassifyAsync(v!, cancellationToken))).ConfigureAwait(false);
                }
                catch (ClassificationException e) when (e.IsInputFault)
                {
                    continue;
                }

                double Drop(float p) => verdictFake ? pFake - p : p - pFake;
                var sum = sums[k];
                sum[0]++;
                sum[1] += Math.Abs(pFake - results[0].PFake);
                sum[2] += Math.Abs(pFake - results[2].PFake);
                sum[3] += Drop(results[1].PFake);
                sum[4] += Drop(results[2].PFake);
            }

            onItem();
        }

        var curve = ks.Select(k => sums[k])
            .Select((s, index) => new DeletionPoint(ks[index], (int)s[0], s[1] / s[0], s[2] / s[0], s[3] / s[0], s[4] / s[0]))
            .ToList();
        if (plainMs.Count == 0)
        {
            throw new CliException(CliErrorKind.InvalidInput, $"--data: the classifier refused all {requests.Count} items as input; nothing to measure");
        }

        var n = plainMs.Count;
        var cost = new ExplainCost(n, words / n, tokens / n, units / n, plainMs.Average(), explainMs.Average(), Median(plainMs), Median(explainMs), refused);
        return (curve, cost, string.Join(" and ", granularities.Order(StringComparer.Ordinal)));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

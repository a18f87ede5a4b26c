using System.Diagnostics;
using FakeNews.Core.Classification;
using FakeNews.Core.Explanations;

namespace FakeNews.Inference;

public sealed partial class FakeNewsClassifier : ITextExplainer
{
    /// <summary>
    /// Classifies one text and attributes the verdict by occlusion: every unit (a word when the input fits in one
    /// window, else a sentence; each metadata field whole) is deleted in turn and the changed windows are scored
    /// again, in the same dynamic batches as ordinary requests. A unit's weight is p(fake) of the whole input minus
    /// p(fake) without it. Cost: one extra sequence per word for a short text, one or two windows per sentence for
    /// a long one, all queued at once; the request counts that many sequences against the queue.
    /// </summary>
    /// <exception cref="ClassificationException">As for <see cref="ClassifyAsync"/>, for the same requests.</exception>
    public async Task<Explanation> ExplainAsync(ClassificationRequest request, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        EnsureRoom();
        var occlusion = PrepareOcclusion(request);
        return await RunOcclusionAsync(occlusion, started, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Explains many texts concurrently and returns the explanations in request order, keeping at most half the
    /// queue capacity of sequences in flight (as <see cref="ClassifyManyAsync"/> does). The first failure in request
    /// order is thrown.
    /// </summary>
    /// <exception cref="ClassificationException">As for <see cref="ExplainAsync"/>.</exception>
    public Task<IReadOnlyList<Explanation>> ExplainManyAsync(
        IReadOnlyList<ClassificationRequest> requests, CancellationToken cancellationToken = default) =>
        ManyAsync(requests, PrepareOcclusion, o => o.Sequences.Count, RunOcclusionAsync, cancellationToken);

    /// <summary>Validates (with the same errors as classification), plans the units and builds every occluded window.</summary>
    private Occlusions PrepareOcclusion(ClassificationRequest request)
    {
        var prepared = Prepare(request);
        var tokenizer = Folder.Tokenizer;
        var plan = ExplanationPlanner.Plan(tokenizer, request, WindowSize);
        var sequences = new List<int[]>(prepared.Sequences);
        var variants = new List<(AttributionUnit Unit, IReadOnlyList<OccludedWindow> Windows, int[] Rows)>(plan.Units.Count);
        foreach (var unit in plan.Units)
        {
            var windows = Occlusion.Windows(prepared.Windows, unit.TokenStart, unit.TokenEnd);
            var rows = new int[windows.Count];
            for (var w = 0; w < windows.Count; w++)
            {
                if (!windows[w].Changed)
                {
                    rows[w] = windows[w].SourceIndex;
                    continue;
                }

                var source = prepared.Windows[windows[w].SourceIndex];
                sequences.Add(tokenizer.Wrap(Occlusion.Ids(plan.Ids, source, unit.TokenStart, unit.TokenEnd)).InputIds);
                rows[w] = sequences.Count - 1;
            }

            variants.Add((unit, windows, rows));
        }

        return new Occlusions(prepared, plan, sequences, variants);
    }

    private async Task<Explanation> RunOcclusionAsync(Occlusions occlusion, long started, CancellationToken cancellationToken)
    {
        var logits = await EnqueueInSlicesAsync(occlusion.Sequences, cancellationToken).ConfigureAwait(false);
        var prepared = occlusion.Prepared;
        var full = Finish(prepared, logits[..prepared.Sequences.Length], started);
        var attributions = new List<Attribution>(occlusion.Variants.Count);
        foreach (var (unit, windows, rows) in occlusion.Variants)
        {
            var remaining = occlusion.Plan.Ids.Length - (unit.TokenEnd - unit.TokenStart);

            // The variant keeps the request's kind, so it is scored by the same head and calibration even when the
            // deleted unit (a link, an @mention) is what made the request a post: a weight measures the unit, not a
            // switch of heads.
            var variant = new PreparedText(remaining, windows.Select(w => w.Window).ToList(), [], prepared.Kind);
            var without = Finish(variant, Array.ConvertAll(rows, r => logits[r]), started);
            attributions.Add(unit.WithWeight(full.PFake - without.PFake));
        }

        return new Explanation(full with { LatencyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds }, occlusion.Plan.Granularity, attributions);
    }

    /// <summary>Queues all sequences at once when they fit the budget, else a budget's worth at a time.</summary>
    private async Task<float[][]> EnqueueInSlicesAsync(List<int[]> sequences, CancellationToken cancellationToken)
    {
        var budget = SequenceBudget;
        if (sequences.Count <= budget)
        {
            return await _batcher.EnqueueManyAsync(sequences, cancellationToken).ConfigureAwait(false);
        }

        var logits = new List<float[]>(sequences.Count);
        for (var start = 0; start < sequences.Count; start += budget)
        {
            var slice = sequences.GetRange(start, Math.Min(budget, sequences.Count - start));
            logits.AddRange(await _batcher.EnqueueManyAsync(slice, cancellationToken).ConfigureAwait(false));
        }

        return [.. logits];
    }

    private sealed record Occlusions(
        PreparedText Prepared,
        ExplanationPlan Plan,
        List<int[]> Sequences,
        List<(AttributionUnit Unit, IReadOnlyList<OccludedWindow> Windows, int[] Rows)> Variants);
}

namespace FakeNews.Core.Batching;

/// <summary>Which waiting sequences form the next batch.</summary>
/// <param name="Indices">Indices into the waiting list, ordered by length.</param>
/// <param name="SequenceLength">The padded length: the longest chosen sequence.</param>
/// <param name="IsFull">True when waiting longer cannot grow the batch: it has the maximum size, or a waiting sequence was left out by a limit (size, tokens or padding).</param>
public sealed record BatchPlan(IReadOnlyList<int> Indices, int SequenceLength, bool IsFull)
{
    /// <summary>Padded tokens of the planned batch.</summary>
    public long PaddedTokens => (long)Indices.Count * SequenceLength;
}

/// <summary>
/// Pure batch planning, with no clock or thread: picks the next batch from the lengths of the waiting sequences.
/// </summary>
/// <remarks>
/// The oldest sequence (index 0) is always in the batch, so nothing starves. The batch then grows from it through
/// the waiting sequences sorted by length, each step taking the neighbour that adds less padding, while the batch
/// has fewer than <c>maxBatchSize</c> rows, rows x longest stays within <c>maxBatchTokens</c>, and the step adds at
/// most <c>maxAddedPadding</c> padding tokens. The result is a run of similar lengths, which cuts padding. Cost:
/// O(n log n) for n waiting sequences.
/// <para>
/// The padding limit is a cost model. Where work grows with padded tokens (a CPU), a row that would add more padding
/// than one batch's fixed cost is cheaper in a batch of its own lengths, so the limit is about that fixed cost in
/// tokens. Where a batch costs about the same whatever its size (a GPU below saturation), padding is nearly free and
/// the limit is left open (<see cref="int.MaxValue"/>), which keeps the batch growing to its size and token limits.
/// </para>
/// </remarks>
public static class BatchPlanner
{
    /// <summary>
    /// Plans the next batch. <paramref name="lengths"/> is in arrival order and must not be empty;
    /// <paramref name="maxAddedPadding"/> is the most padding tokens one step may add (see the remarks).
    /// </summary>
    public static BatchPlan Plan(IReadOnlyList<int> lengths, int maxBatchSize, int maxBatchTokens, int maxAddedPadding = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        if (lengths.Count == 0)
        {
            throw new ArgumentException("There must be at least one waiting sequence.", nameof(lengths));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchTokens, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxAddedPadding);

        var order = new int[lengths.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        // Stable by arrival among equal lengths, so older sequences go first.
        Array.Sort(order, (a, b) => lengths[a] != lengths[b] ? lengths[a].CompareTo(lengths[b]) : a.CompareTo(b));

        var anchor = Array.IndexOf(order, 0);
        int lo = anchor, hi = anchor;
        var longest = lengths[0];
        while (hi - lo + 1 < maxBatchSize)
        {
            var rows = hi - lo + 1;
            var shorter = lo > 0 ? lengths[order[lo - 1]] : -1;
            var longer = hi < order.Length - 1 ? lengths[order[hi + 1]] : -1;

            // Padding added: a shorter row pads itself to `longest`; a longer row pads every row already in.
            var shorterCost = shorter >= 0 && (long)(rows + 1) * longest <= maxBatchTokens ? (long)longest - shorter : long.MaxValue;
            var longerCost = longer >= 0 && (long)(rows + 1) * Math.Max(longest, longer) <= maxBatchTokens
                ? (long)rows * (Math.Max(longest, longer) - longest)
                : long.MaxValue;
            if (Math.Min(shorterCost, longerCost) > maxAddedPadding)
            {
                break;
            }

            if (shorterCost <= longerCost)
            {
                lo--;
            }
            else
            {
                hi++;
                longest = Math.Max(longest, longer);
            }
        }

        var indices = order[lo..(hi + 1)];
        var isFull = indices.Length == maxBatchSize || indices.Length < lengths.Count;
        return new BatchPlan(indices, longest, isFull);
    }
}

namespace FakeNews.Core.Concurrency;

/// <summary>
/// Runs asynchronous work over a sequence with bounded concurrency and hands the results back in input order: the
/// one loop behind every "score many" path (the classifier's many-text calls, <c>score</c>, <c>eval</c>).
/// </summary>
public static class BoundedInOrder
{
    /// <summary>
    /// Starts <paramref name="run"/> for each item while the cost of runs started and not yet passed to
    /// <paramref name="onResult"/> stays within <paramref name="maxCost"/> (an item costing more runs alone), and
    /// passes each result to <paramref name="onResult"/> in input order. Items are enumerated lazily, one at a time.
    /// </summary>
    /// <remarks>
    /// A failure of the enumeration, of a run (in input order) or of <paramref name="onResult"/>, or cancellation,
    /// stops the loop: no more items start, the token given to outstanding runs is cancelled, they are awaited with
    /// their outcomes dropped, and the failure is rethrown. After cancellation no further result is passed on.
    /// </remarks>
    /// <param name="items">The inputs, enumerated on the caller's flow.</param>
    /// <param name="run">Starts the work for one item; it receives a token cancelled when the loop stops.</param>
    /// <param name="onResult">Consumes one result; called one at a time, in input order.</param>
    /// <param name="maxCost">The most cost in flight (at least 1).</param>
    /// <param name="cost">The cost of one item (default 1 each).</param>
    /// <param name="cancellationToken">Stops the loop.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task ForEachAsync<TItem, TResult>(
        IEnumerable<TItem> items,
        Func<TItem, CancellationToken, Task<TResult>> run,
        Func<TResult, ValueTask> onResult,
        int maxCost,
        Func<TItem, int>? cost = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(onResult);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCost, 1);
        var pending = new Queue<(Task<TResult> Task, int Cost)>();
        var inFlight = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            foreach (var item in items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var itemCost = cost?.Invoke(item) ?? 1;
                while (pending.Count > 0 && inFlight + itemCost > maxCost)
                {
                    inFlight -= await ConsumeHeadAsync(pending, onResult, cancellationToken).ConfigureAwait(false);
                }

                pending.Enqueue((run(item, stop.Token), itemCost));
                inFlight += itemCost;
            }

            while (pending.Count > 0)
            {
                inFlight -= await ConsumeHeadAsync(pending, onResult, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await DrainAsync(pending).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// As <see cref="ForEachAsync{TItem, TResult}"/>, collecting the results in input order.
    /// </summary>
    public static async Task<IReadOnlyList<TResult>> ToListAsync<TItem, TResult>(
        IEnumerable<TItem> items,
        Func<TItem, CancellationToken, Task<TResult>> run,
        int maxCost,
        Func<TItem, int>? cost = null,
        CancellationToken cancellationToken = default)
    {
        var results = new List<TResult>();
        await ForEachAsync(
            items,
            run,
            result =>
            {
                results.Add(result);
                return ValueTask.CompletedTask;
            },
            maxCost,
            cost,
            cancellationToken).ConfigureAwait(false);
        return results;
    }

    private static async Task<int> ConsumeHeadAsync<TResult>(
        Queue<(Task<TResult> Task, int Cost)> pending, Func<TResult, ValueTask> onResult, CancellationToken cancellationToken)
    {
        var (task, cost) = pending.Peek();
        var result = await task.ConfigureAwait(false);
        pending.Dequeue();
        cancellationToken.ThrowIfCancellationRequested();
        await onResult(result).ConfigureAwait(false);
        return cost;
    }

    // Observes every run still outstanding so none fails unobserved; the loop's own failure is what is thrown.
    private static async Task DrainAsync<TResult>(Queue<(Task<TResult> Task, int Cost)> pending)
    {
        foreach (var (task, _) in pending)
        {
            try
            {
                await task.ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The outcome of an abandoned run is dropped on purpose.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }
}

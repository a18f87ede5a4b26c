using FakeNews.Core.Concurrency;

namespace FakeNews.Core.Tests.Concurrency;

public sealed class BoundedInOrderTests
{
    /// <summary>Runs whose completion the test controls; records the order runs start in and their tokens.</summary>
    private sealed class Gates
    {
        private readonly List<(int Item, TaskCompletionSource<int> Gate, CancellationToken Token)> _started = [];

        // The loop starts runs from the thread pool once a gate has opened; the test reads a snapshot.
        public IReadOnlyList<(int Item, TaskCompletionSource<int> Gate, CancellationToken Token)> Started
        {
            get
            {
                lock (_started)
                {
                    return [.. _started];
                }
            }
        }

        public Task<int> Run(int item, CancellationToken token)
        {
            var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            token.Register(() => gate.TrySetCanceled(token));
            lock (_started)
            {
                _started.Add((item, gate, token));
            }

            return gate.Task;
        }

        public void Complete(int item) => Started.Single(s => s.Item == item).Gate.SetResult(item * 10);
    }

    [Fact]
    public async Task Results_come_back_in_input_order_when_runs_finish_in_reverse()
    {
        var gates = new Gates();
        var loop = BoundedInOrder.ToListAsync(Enumerable.Range(0, 4), gates.Run, maxCost: 4);
        for (var item = 3; item >= 0; item--)
        {
            gates.Complete(item);
        }

        Assert.Equal([0, 10, 20, 30], await loop);
    }

    [Fact]
    public async Task No_more_than_the_bound_is_in_flight_until_the_head_is_consumed()
    {
        var gates = new Gates();
        var consumed = new System.Collections.Concurrent.ConcurrentQueue<int>();
        var loop = BoundedInOrder.ForEachAsync(
            Enumerable.Range(0, 5), gates.Run, r => { consumed.Enqueue(r); return ValueTask.CompletedTask; }, maxCost: 2);
        Assert.Equal([0, 1], gates.Started.Select(s => s.Item));

        gates.Complete(1);
        Assert.Equal(2, gates.Started.Count); // a finished run behind the head still holds its place

        gates.Complete(0);
        await WaitUntil(() => gates.Started.Count == 4);
        Assert.Equal([0, 10], consumed);

        gates.Complete(2);
        gates.Complete(3);
        await WaitUntil(() => gates.Started.Count == 5);
        gates.Complete(4);
        await loop;
        Assert.Equal([0, 10, 20, 30, 40], consumed);
    }

    [Fact]
    public async Task Costly_items_wait_for_room_and_one_over_the_bound_runs_alone()
    {
        var gates = new Gates();
        var loop = BoundedInOrder.ToListAsync([1, 2, 9, 1], gates.Run, maxCost: 3, cost: item => item);
        Assert.Equal([1, 2], gates.Started.Select(s => s.Item));

        gates.Complete(1);
        gates.Complete(2);
        await WaitUntil(() => gates.Started.Count == 3);
        Assert.Equal(9, gates.Started[2].Item); // alone, although it costs more than the bound

        gates.Complete(9);
        await WaitUntil(() => gates.Started.Count == 4);
        gates.Started[3].Gate.SetResult(10);
        Assert.Equal([10, 20, 90, 10], await loop);
    }

    [Fact]
    public async Task A_failed_run_is_rethrown_and_the_runs_behind_it_are_cancelled()
    {
        var gates = new Gates();
        var consumed = new System.Collections.Concurrent.ConcurrentQueue<int>();
        var loop = BoundedInOrder.ForEachAsync(
            Enumerable.Range(0, 10), gates.Run, r => { consumed.Enqueue(r); return ValueTask.CompletedTask; }, maxCost: 3);
        gates.Complete(0);
        await WaitUntil(() => gates.Started.Count == 4);
        gates.Started[1].Gate.SetException(new InvalidOperationException("item 1 failed"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => loop);
        Assert.Equal("item 1 failed", error.Message);
        Assert.Equal([0], consumed);
        Assert.Equal(4, gates.Started.Count);
        Assert.All(gates.Started.Skip(2), s => Assert.True(s.Token.IsCancellationRequested));
    }

    [Fact]
    public async Task A_failing_consumer_stops_the_loop_and_cancels_outstanding_runs()
    {
        var gates = new Gates();
        var loop = BoundedInOrder.ForEachAsync<int, int>(
            Enumerable.Range(0, 10), gates.Run, _ => throw new IOException("disk full"), maxCost: 2);
        gates.Complete(0);

        await Assert.ThrowsAsync<IOException>(() => loop);
        Assert.True(gates.Started[1].Token.IsCancellationRequested);
    }

    [Fact]
    public async Task A_failing_enumeration_is_rethrown_after_cancelling_started_runs()
    {
        var gates = new Gates();
        var loop = BoundedInOrder.ToListAsync(Broken(), gates.Run, maxCost: 5);

        await Assert.ThrowsAsync<FormatException>(() => loop);
        Assert.True(Assert.Single(gates.Started).Token.IsCancellationRequested);

        static IEnumerable<int> Broken()
        {
            yield return 0;
            throw new FormatException("bad line");
        }
    }

    [Fact]
    public async Task Cancellation_stops_starting_cancels_runs_and_passes_nothing_more_on()
    {
        var gates = new Gates();
        var consumed = new System.Collections.Concurrent.ConcurrentQueue<int>();
        using var cancel = new CancellationTokenSource();
        var loop = BoundedInOrder.ForEachAsync(
            Enumerable.Range(0, 10), gates.Run, r => { consumed.Enqueue(r); return ValueTask.CompletedTask; }, maxCost: 2,
            cancellationToken: cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop);
        Assert.Empty(consumed);
        Assert.Equal(2, gates.Started.Count);
        Assert.All(gates.Started, s => Assert.True(s.Token.IsCancellationRequested));
    }

    [Fact]
    public async Task A_result_finished_before_cancellation_is_not_passed_on_after_it()
    {
        var consumed = new System.Collections.Concurrent.ConcurrentQueue<int>();
        using var cancel = new CancellationTokenSource();
        var loop = BoundedInOrder.ForEachAsync(
            [1, 2],
            (item, _) =>
            {
                if (item == 2)
                {
                    cancel.Cancel();
                }

                return Task.FromResult(item);
            },
            r => { consumed.Enqueue(r); return ValueTask.CompletedTask; },
            maxCost: 2,
            cancellationToken: cancel.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop);
        Assert.Empty(consumed);
    }

    [Fact]
    public async Task An_empty_sequence_gives_no_results() =>
        Assert.Empty(await BoundedInOrder.ToListAsync(Array.Empty<int>(), (i, _) => Task.FromResult(i), maxCost: 1));

    // The loop resumes on the thread pool after a gate opens; poll the observable state, with no fixed sleep.
    private static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Yield();
            timeout.Token.ThrowIfCancellationRequested();
        }
    }
}

using FakeNews.Core.Batching;
using FakeNews.Core.Classification;
using Microsoft.Extensions.Time.Testing;

namespace FakeNews.Core.Tests.Batching;

/// <summary>
/// The batcher with a fake backend and a fake clock. Time only moves when a test advances it, and queues are built
/// while the backend holds its first batch, so every outcome is deterministic. The WaitAsync guards only turn a
/// hang into a failure.
/// </summary>
public sealed class DynamicBatcherTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new();

    private DynamicBatcher Create(FakeBackend backend, int maxBatchSize = 32, int maxBatchTokens = 10_000, double delayMs = 10, int capacity = 1024) =>
        new(backend, new DynamicBatcherOptions
        {
            MaxBatchSize = maxBatchSize,
            MaxBatchTokens = maxBatchTokens,
            MaxBatchDelay = TimeSpan.FromMilliseconds(delayMs),
            QueueCapacity = capacity,
        }, _time);

    private static int[] Seq(int firstId, int length) => Enumerable.Repeat(firstId, length).ToArray();

    /// <summary>Runs a one-token blocker that the backend holds, so later requests queue up behind it.</summary>
    private static async Task<Task<float[]>> HoldBackendAsync(DynamicBatcher batcher, FakeBackend backend)
    {
        var blocker = batcher.EnqueueAsync(Seq(1, 1));
        await backend.FirstBatchEntered.WaitAsync(Guard);
        return blocker;
    }

    [Fact]
    public async Task Batch_runs_as_soon_as_it_reaches_the_maximum_size_without_waiting_for_the_delay()
    {
        var backend = new FakeBackend();
        await using var batcher = Create(backend, maxBatchSize: 3, delayMs: 5_000);

        var results = await Task.WhenAll(Enumerable.Range(10, 3).Select(id => batcher.EnqueueAsync(Seq(id, 4)))).WaitAsync(Guard);

        Assert.Equal([[4f, 10f], [4f, 11f], [4f, 12f]], results);
        Assert.Single(backend.Batches);
    }

    [Fact]
    public async Task Partial_batch_waits_for_the_delay_measured_from_the_oldest_request()
    {
        var backend = new FakeBackend();
        await using var batcher = Create(backend, maxBatchSize: 8, delayMs: 10);

        var first = batcher.EnqueueAsync(Seq(10, 3));
        _time.Advance(TimeSpan.FromMilliseconds(9));
        var second = batcher.EnqueueAsync(Seq(11, 5));
        Assert.False(first.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await Task.WhenAll(first, second).WaitAsync(Guard);

        var batch = Assert.Single(backend.Batches);
        Assert.Equal([10, 11], batch.Select(s => s[0]).Order());
    }

    [Fact]
    public async Task Token_budget_splits_waiting_requests_into_batches()
    {
        var backend = new FakeBackend(holdFirstBatch: true);
        await using var batcher = Create(backend, maxBatchSize: 32, maxBatchTokens: 20, delayMs: 0);
        var blocker = await HoldBackendAsync(batcher, backend);

        var waiting = Enumerable.Range(10, 5).Select(id => batcher.EnqueueAsync(Seq(id, 5))).ToList();
        backend.Release();
        await Task.WhenAll(waiting.Append(blocker)).WaitAsync(Guard);

        Assert.Equal([1, 4, 1], backend.Batches.Select(b => b.Length));
        Assert.All(backend.Batches, b => Assert.True(b.Length * b.Max(s => s.Length) <= 20));
    }

    [Fact]
    public async Task Waiting_requests_are_grouped_by_length_to_cut_padding()
    {
        var backend = new FakeBackend(holdFirstBatch: true);
        await using var batcher = Create(backend, maxBatchSize: 2, delayMs: 0);
        var blocker = await HoldBackendAsync(batcher, backend);

        var waiting = new[] { (10, 10), (11, 100), (12, 12), (13, 98) }.Select(r => batcher.EnqueueAsync(Seq(r.Item1, r.Item2))).ToList();
        backend.Release();
        await Task.WhenAll(waiting.Append(blocker)).WaitAsync(Guard);

        var batches = backend.Batches.Skip(1).Select(b => b.Select(s => s.Length).Order().ToArray()).ToList();
        Assert.Equal([[10, 12], [98, 100]], batches);
        // 1 + 2 x 12 + 2 x 100 padded tokens; arrival order would have padded 1 + 2 x 100 + 2 x 98.
        Assert.Equal(225, batcher.Stats.PaddedTokens);
    }

    [Fact]
    public async Task Cancelled_request_is_skipped_and_others_complete()
    {
        var backend = new FakeBackend(holdFirstBatch: true);
        await using var batcher = Create(backend, delayMs: 0);
        var blocker = await HoldBackendAsync(batcher, backend);

        using var cancellation = new CancellationTokenSource();
        var cancelled = batcher.EnqueueAsync(Seq(20, 4), cancellation.Token);
        var kept = batcher.EnqueueAsync(Seq(21, 4));
        await cancellation.CancelAsync();
        backend.Release();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Guard));
        Assert.Equal(new float[] { 4f, 21f }, await kept.WaitAsync(Guard));
        await blocker.WaitAsync(Guard);
        Assert.DoesNotContain(20, backend.FirstIds);
        Assert.Equal(0, batcher.QueueLength);
    }

    [Fact]
    public async Task Full_queue_fails_at_once_with_overloaded_and_admits_again_when_drained()
    {
        var backend = new FakeBackend(holdFirstBatch: true);
        await using var batcher = Create(backend, delayMs: 0, capacity: 2);
        var blocker = await HoldBackendAsync(batcher, backend);

        var a = batcher.EnqueueAsync(Seq(10, 3));
        var b = batcher.EnqueueAsync(Seq(11, 3));
        var error = await Assert.ThrowsAsync<ClassificationException>(() => batcher.EnqueueAsync(Seq(12, 3)));
        var manyError = Assert.Throws<ClassificationException>(() => { _ = batcher.EnqueueManyAsync([Seq(13, 3)]); });

        Assert.Equal(ErrorKind.Overloaded, error.Kind);
        Assert.Equal(ErrorKind.Overloaded, manyError.Kind);
        Assert.Contains("QueueCapacity", error.Message);
        backend.Release();
        await Task.WhenAll(a, b, blocker).WaitAsync(Guard);
        Assert.Equal(new float[] { 3f, 14f }, await batcher.EnqueueAsync(Seq(14, 3)).WaitAsync(Guard));
    }

    [Fact]
    public async Task Windows_of_one_article_are_admitted_all_or_none()
    {
        var backend = new FakeBackend(holdFirstBatch: true);
        await using var batcher = Create(backend, delayMs: 0, capacity: 3);
        var blocker = await HoldBackendAsync(batcher, backend);

        var first = batcher.EnqueueManyAsync([Seq(10, 2), Seq(11, 2)]);
        Assert.Throws<ClassificationException>(() => { _ = batcher.EnqueueManyAsync([Seq(12, 2), Seq(13, 2)]); });
        Assert.Equal(2, batcher.QueueLength);
        backend.Release();

        Assert.Equal(new[] { new[] { 2f, 10f }, new[] { 2f, 11f } }, await first.WaitAsync(Guard));
        await blocker.WaitAsync(Guard);
        Assert.DoesNotContain(12, backend.FirstIds);
    }

    [Fact]
    public async Task Backend_exception_fails_only_its_own_batch_with_backend_failure()
    {
        var backend = new FakeBackend();
        await using var batcher = Create(backend, maxBatchSize: 1, delayMs: 0);

        var bad = batcher.EnqueueAsync(Seq(FakeBackend.FailingId, 3));
        var good = batcher.EnqueueAsync(Seq(30, 3));

        var error = await Assert.ThrowsAsync<ClassificationException>(() => bad.WaitAsync(Guard));
        Assert.Equal(ErrorKind.BackendFailure, error.Kind);
        Assert.Contains("boom", error.Message);
        Assert.Equal(new float[] { 3f, 30f }, await good.WaitAsync(Guard));
    }

    [Fact]
    public async Task Dispose_finishes_the_running_batch_and_fails_waiting_requests_with_not_ready()
    {
        var backend = new FakeBackend(holdFirstBatch: true);
        var batcher = Create(backend, delayMs: 0);
        var blocker = await HoldBackendAsync(batcher, backend);
        var waiting = batcher.EnqueueAsync(Seq(40, 3));

        var disposing = batcher.DisposeAsync().AsTask();
        backend.Release();
        await disposing.WaitAsync(Guard);

        Assert.Equal(new float[] { 1f, 1f }, await blocker);
        var error = await Assert.ThrowsAsync<ClassificationException>(() => waiting);
        Assert.Equal(ErrorKind.NotReady, error.Kind);
        var late = await Assert.ThrowsAsync<ClassificationException>(() => batcher.EnqueueAsync(Seq(41, 3)));
        Assert.Equal(ErrorKind.NotReady, late.Kind);
    }

    [Fact]
    public async Task Stats_count_items_batches_and_padding()
    {
        var backend = new FakeBackend(holdFirstBatch: true);
        await using var batcher = Create(backend, delayMs: 0);
        var blocker = await HoldBackendAsync(batcher, backend);

        var waiting = new[] { batcher.EnqueueAsync(Seq(10, 2)), batcher.EnqueueAsync(Seq(11, 4)) };
        backend.Release();
        await Task.WhenAll(waiting.Append(blocker)).WaitAsync(Guard);

        // Batches: [1] and [2, 4 -> padded 4]: 3 items, 2 batches, 9 padded tokens, 7 real.
        Assert.Equal(new BatcherStats(3, 2, 9, 7), batcher.Stats);
        Assert.Equal(1.5, batcher.Stats.MeanBatchSize);
    }

    [Fact]
    public async Task Many_concurrent_callers_with_cancellations_all_get_their_own_rows_and_the_queue_empties()
    {
        var backend = new FakeBackend();
        await using var batcher = Create(backend, maxBatchSize: 16, maxBatchTokens: 200, delayMs: 0, capacity: 5000);
        var cancellations = Enumerable.Range(0, 2000).Select(_ => new CancellationTokenSource()).ToList();

        var calls = Enumerable.Range(0, 2000).Select(i => Task.Run(async () =>
        {
            var task = batcher.EnqueueAsync(Seq(1000 + i, 1 + (i % 37)), cancellations[i].Token);
            if (i % 5 == 0)
            {
                await cancellations[i].CancelAsync();
            }

            try
            {
                var row = await task;
                Assert.Equal(new float[] { 1 + (i % 37), 1000 + i }, row);
                return true;
            }
            catch (OperationCanceledException)
            {
                Assert.Equal(0, i % 5);
                return false;
            }
        })).ToList();
        var completed = await Task.WhenAll(calls).WaitAsync(Guard);

        Assert.True(completed.Count(c => c) >= 1600);
        Assert.Equal(0, batcher.QueueLength);
        Assert.All(backend.Batches, b => Assert.True(b.Length <= 16 && b.Length * b.Max(s => s.Length) <= 200));
        cancellations.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Backend_returning_the_wrong_number_of_rows_is_a_backend_failure()
    {
        await using var batcher = new DynamicBatcher(new ShortBackend(), new DynamicBatcherOptions { MaxBatchDelay = TimeSpan.Zero }, _time);

        var error = await Assert.ThrowsAsync<ClassificationException>(() => batcher.EnqueueAsync(Seq(1, 3)).WaitAsync(Guard));

        Assert.Equal(ErrorKind.BackendFailure, error.Kind);
        Assert.Contains("0 logits rows for a batch of 1", error.Message);
    }

    private sealed class ShortBackend : IBatchBackend
    {
        public int RowWidth => 2;

        public float[][] Run(TokenBatch batch) => [];
    }

    [Fact]
    public async Task Backend_rows_narrower_than_its_row_width_are_a_backend_failure()
    {
        await using var batcher = new DynamicBatcher(new NarrowBackend(), new DynamicBatcherOptions { MaxBatchDelay = TimeSpan.Zero }, _time);

        var error = await Assert.ThrowsAsync<ClassificationException>(() => batcher.EnqueueAsync(Seq(1, 3)).WaitAsync(Guard));

        Assert.Equal(ErrorKind.BackendFailure, error.Kind);
        Assert.Contains("1 logits rows of width 2 for a batch of 1", error.Message);
        Assert.Contains("expected one row of 4 values per sequence", error.Message);
    }

    /// <summary>Claims two heads of two labels but returns only the first head's logits.</summary>
    private sealed class NarrowBackend : IBatchBackend
    {
        public int RowWidth => 4;

        public float[][] Run(TokenBatch batch) => batch.Sequences.Select(_ => new float[] { 0.1f, 0.2f }).ToArray();
    }

    [Fact]
    public void Invalid_options_are_rejected_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Create(new FakeBackend(), maxBatchSize: 0));

        Assert.Equal("MaxBatchSize", error.ParamName);
    }
}

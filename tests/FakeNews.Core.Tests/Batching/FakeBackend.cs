using System.Collections.Concurrent;
using FakeNews.Core.Batching;

namespace FakeNews.Core.Tests.Batching;

/// <summary>
/// A backend whose logits are a function of each row: [length, first id]. It records every batch, can hold its
/// first batch until released (to let a queue build up deterministically), and can fail on a marked id.
/// </summary>
internal sealed class FakeBackend : IBatchBackend, IDisposable
{
    public const int FailingId = 666;

    private readonly ManualResetEventSlim _release;
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    public FakeBackend(bool holdFirstBatch = false)
    {
        _release = new ManualResetEventSlim(!holdFirstBatch);
    }

    public int RowWidth => 2;

    public ConcurrentQueue<int[][]> Batches { get; } = new();

    /// <summary>Completes when the first batch has reached the backend.</summary>
    public Task FirstBatchEntered => _entered.Task;

    public void Release() => _release.Set();

    public void Dispose() => _release.Dispose();

    public IEnumerable<int> FirstIds => Batches.SelectMany(b => b.Select(s => s[0]));

    public float[][] Run(TokenBatch batch)
    {
        Batches.Enqueue(batch.Sequences.ToArray());
        if (Interlocked.Increment(ref _calls) == 1)
        {
            _entered.TrySetResult();
            if (!_release.Wait(TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException("The test never released the first batch.");
            }
        }

        if (batch.Sequences.Any(s => s[0] == FailingId))
        {
            throw new InvalidOperationException("boom");
        }

        return batch.Sequences.Select(s => new float[] { s.Length, s[0] }).ToArray();
    }
}

namespace FakeNews.Core.Batching;

/// <summary>One queued sequence and the caller waiting for its logits.</summary>
internal sealed class WorkItem
{
    private readonly CancellationTokenRegistration _registration;

    public WorkItem(int[] inputIds, long enqueuedAt, CancellationToken cancellationToken)
    {
        InputIds = inputIds;
        EnqueuedAt = enqueuedAt;
        if (cancellationToken.CanBeCanceled)
        {
            // The caller sees the cancellation at once; the loop drops the item before its next batch.
            _registration = cancellationToken.Register(static state =>
            {
                var (item, token) = ((WorkItem, CancellationToken))state!;
                item.Completion.TrySetCanceled(token);
            }, (this, cancellationToken));
        }
    }

    public int[] InputIds { get; }

    /// <summary>The <see cref="TimeProvider"/> timestamp of arrival.</summary>
    public long EnqueuedAt { get; }

    public TaskCompletionSource<float[]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>True when nobody waits for the result any more (cancelled, or already failed).</summary>
    public bool IsAbandoned => Completion.Task.IsCompleted;

    public void Complete(float[] logits)
    {
        Completion.TrySetResult(logits);
        _registration.Dispose();
    }

    public void Fail(Exception error)
    {
        Completion.TrySetException(error);
        _registration.Dispose();
    }
}

using FakeNews.Core.Classification;
using Microsoft.Extensions.Logging;

namespace FakeNews.Core.Batching;

public sealed partial class DynamicBatcher
{
    private async Task RunLoopAsync()
    {
        var pending = new List<WorkItem>();
        try
        {
            while (true)
            {
                if (pending.Count == 0 && !await _channel.Reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
                {
                    return;
                }

                Collect(pending);
                if (pending.Count == 0)
                {
                    continue;
                }

                var plan = await WaitForBatchAsync(pending).ConfigureAwait(false);
                if (plan is not null)
                {
                    RunBatch(pending, plan);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Disposal: fall through to fail what is left.
        }
        catch (Exception ex)
        {
            LogLoopFailed(_logger, ex);
        }
        finally
        {
            while (_channel.Reader.TryRead(out var item))
            {
                pending.Add(item);
            }

            foreach (var item in pending)
            {
                item.Fail(NotReady());
            }

            Interlocked.Add(ref _waiting, -pending.Count);
        }
    }

    /// <summary>Waits until the planned batch is full or the oldest sequence's delay has passed; null when nothing is left.</summary>
    private async Task<BatchPlan?> WaitForBatchAsync(List<WorkItem> pending)
    {
        var plan = Plan(pending);
        while (!plan.IsFull)
        {
            var remaining = _options.MaxBatchDelay - _time.GetElapsedTime(pending[0].EnqueuedAt);
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            using (var wake = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token))
            {
                var arrival = _channel.Reader.WaitToReadAsync(wake.Token).AsTask();
                var timer = Task.Delay(remaining, _time, wake.Token);
                await Task.WhenAny(arrival, timer).ConfigureAwait(false);
                _stopping.Token.ThrowIfCancellationRequested();
                await wake.CancelAsync().ConfigureAwait(false);
            }

            Collect(pending);
            if (pending.Count == 0)
            {
                return null;
            }

            plan = Plan(pending);
        }

        return plan;
    }

    /// <summary>Moves arrived sequences into <paramref name="pending"/> and drops those whose caller has gone.</summary>
    private void Collect(List<WorkItem> pending)
    {
        while (_channel.Reader.TryRead(out var item))
        {
            pending.Add(item);
        }

        var dropped = pending.RemoveAll(item => item.IsAbandoned);
        if (dropped > 0)
        {
            Interlocked.Add(ref _waiting, -dropped);
            LogDropped(_logger, dropped);
        }
    }

    private BatchPlan Plan(List<WorkItem> pending) =>
        BatchPlanner.Plan(pending.Select(p => p.InputIds.Length).ToList(), _options.MaxBatchSize, _options.MaxBatchTokens, _options.MaxAddedPadding);

    private void RunBatch(List<WorkItem> pending, BatchPlan plan)
    {
        var items = plan.Indices.Select(i => pending[i]).ToList();
        foreach (var index in plan.Indices.OrderDescending())
        {
            pending.RemoveAt(index);
        }

        Interlocked.Add(ref _waiting, -items.Count);
        var batch = new TokenBatch(items.Select(i => i.InputIds).ToList());
        var queueMs = _time.GetElapsedTime(items.Min(i => i.EnqueuedAt)).TotalMilliseconds;
        float[][] logits;
        try
        {
            logits = _backend.Run(batch);
            if (logits is null || logits.Length != batch.Count || logits.Any(row => row is null || row.Length != _backend.RowWidth))
            {
                var widths = logits is { Length: > 0 } ? $" of width {string.Join("/", logits.Select(row => row?.Length ?? 0).Distinct())}" : "";
                throw new InvalidOperationException(
                    $"The backend returned {logits?.Length ?? 0} logits rows{widths} for a batch of {batch.Count}; expected one row of {_backend.RowWidth} values per sequence.");
            }
        }
        catch (Exception ex)
        {
            LogBatchFailed(_logger, ex, batch.Count, batch.SequenceLength);
            var error = ex as ClassificationException
                ?? new ClassificationException(ErrorKind.BackendFailure, $"Inference failed for a batch of {batch.Count} sequences: {ex.Message}", ex);
            items.ForEach(i => i.Fail(error));
            return;
        }

        Interlocked.Add(ref _items, batch.Count);
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _paddedTokens, batch.PaddedTokens);
        Interlocked.Add(ref _realTokens, batch.RealTokens);
        LogBatch(_logger, batch.Count, batch.SequenceLength, queueMs);
        for (var i = 0; i < items.Count; i++)
        {
            items[i].Complete(logits[i]);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ran a batch of {BatchSize} sequences padded to {SequenceLength} tokens; oldest waited {QueueMs:F1} ms")]
    private static partial void LogBatch(ILogger logger, int batchSize, int sequenceLength, double queueMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Inference failed for a batch of {BatchSize} sequences padded to {SequenceLength} tokens")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int batchSize, int sequenceLength);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dropped {Count} cancelled sequences before batching")]
    private static partial void LogDropped(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The batching loop stopped unexpectedly; waiting requests fail with NotReady")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);
}

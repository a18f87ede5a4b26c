using System.Threading.Channels;
using FakeNews.Core.Classification;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FakeNews.Core.Batching;

/// <summary>
/// Collects token sequences from many callers into padded batches for one <see cref="IBatchBackend"/>, in the
/// manner of text-embeddings-inference: a bounded queue feeds a single batching loop that forms a batch up to
/// <see cref="DynamicBatcherOptions.MaxBatchSize"/> rows and <see cref="DynamicBatcherOptions.MaxBatchTokens"/>
/// padded tokens, waiting at most <see cref="DynamicBatcherOptions.MaxBatchDelay"/> after the oldest waiting
/// sequence arrived, grouping similar lengths (<see cref="BatchPlanner"/>) and dropping cancelled requests before
/// a batch is formed. Thread-safe; one instance per backend.
/// </summary>
public sealed partial class DynamicBatcher : IAsyncDisposable
{
    private readonly IBatchBackend _backend;
    private readonly DynamicBatcherOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<WorkItem> _channel = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private int _waiting;
    private int _disposed;
    private long _items;
    private long _batches;
    private long _paddedTokens;
    private long _realTokens;

    /// <summary>Validates the options and starts the batching loop.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is invalid; the message names it.</exception>
    public DynamicBatcher(IBatchBackend backend, DynamicBatcherOptions options, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _backend = backend;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _loop = Task.Run(RunLoopAsync);
    }

    /// <summary>Cumulative counters; a consistent-enough snapshot for benchmarks.</summary>
    public BatcherStats Stats => new(
        Interlocked.Read(ref _items),
        Interlocked.Read(ref _batches),
        Interlocked.Read(ref _paddedTokens),
        Interlocked.Read(ref _realTokens));

    /// <summary>Sequences waiting for a batch right now.</summary>
    public int QueueLength => Volatile.Read(ref _waiting);

    /// <summary>Queues one sequence and returns its logits row when its batch has run.</summary>
    /// <exception cref="ClassificationException">
    /// <see cref="ErrorKind.Overloaded"/> at once when the queue is full; <see cref="ErrorKind.NotReady"/> when the
    /// batcher is disposed; <see cref="ErrorKind.BackendFailure"/> (from the task) when the batch failed.
    /// </exception>
    public async Task<float[]> EnqueueAsync(int[] inputIds, CancellationToken cancellationToken = default)
    {
        var rows = await EnqueueManyAsync([inputIds], cancellationToken).ConfigureAwait(false);
        return rows[0];
    }

    /// <summary>
    /// Queues several sequences (the windows of one article) all or none, and returns their logits rows in order.
    /// Cancellation drops those not yet in a batch.
    /// </summary>
    /// <exception cref="ClassificationException">As for <see cref="EnqueueAsync"/>; the capacity check covers all sequences at once.</exception>
    public Task<float[][]> EnqueueManyAsync(IReadOnlyList<int[]> sequences, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Count == 0 || sequences.Any(s => s is null || s.Length == 0))
        {
            throw new ArgumentException("Every sequence must be non-empty.", nameof(sequences));
        }

        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        if (Interlocked.Add(ref _waiting, sequences.Count) > _options.QueueCapacity)
        {
            Interlocked.Add(ref _waiting, -sequences.Count);
            throw new ClassificationException(
                ErrorKind.Overloaded,
                $"The request queue is full ({_options.QueueCapacity} sequences waiting, QueueCapacity); retry later.");
        }

        var now = _time.GetTimestamp();
        var tasks = new Task<float[]>[sequences.Count];
        for (var i = 0; i < sequences.Count; i++)
        {
            var item = new WorkItem(sequences[i], now, cancellationToken);
            tasks[i] = item.Completion.Task;
            if (!_channel.Writer.TryWrite(item))
            {
                // Disposed between the check and the write: this item and the rest never reach the loop.
                Interlocked.Add(ref _waiting, -(sequences.Count - i));
                item.Fail(NotReady());
                for (var j = i + 1; j < sequences.Count; j++)
                {
                    tasks[j] = Task.FromException<float[]>(NotReady());
                }

                break;
            }
        }

        return Task.WhenAll(tasks);
    }

    /// <summary>
    /// Stops accepting sequences, lets the running batch finish, fails everything still waiting with
    /// <see cref="ErrorKind.NotReady"/>, and waits for the loop to end.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _channel.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private void ThrowIfDisposed()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            throw NotReady();
        }
    }

    private static ClassificationException NotReady() =>
        new(ErrorKind.NotReady, "The classifier is shutting down and accepts no more requests.");
}

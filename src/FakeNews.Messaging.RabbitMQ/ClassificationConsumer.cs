using FakeNews.Core.Classification;
using global::RabbitMQ.Client;
using global::RabbitMQ.Client.Events;
using global::RabbitMQ.Client.Exceptions;
using Microsoft.Extensions.Logging;

namespace FakeNews.Messaging.RabbitMQ;

/// <summary>
/// Consumes the request queue and answers each request through the shared classifier. Up to <c>prefetch</c> deliveries
/// are handled concurrently (the client's consumer dispatch concurrency equals the prefetch), so the classifier's
/// dynamic batcher sees enough requests at once to fill its batches. Each delivery is settled exactly as
/// <see cref="DeliveryPolicy"/> decides; a request is acknowledged only after its result (or its dead letter) is
/// published and confirmed. Results and dead letters go out on a separate confirming channel.
/// </summary>
public sealed partial class ClassificationConsumer : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly ITextClassifier _classifier;
    private readonly RabbitMqOptions _options;
    private readonly ushort _prefetch;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IChannel? _consumeChannel;
    private IChannel? _publishChannel;
    private string? _consumerTag;
    private volatile bool _stopping;
    private int _inFlight;
    private long _acked, _retried, _deadLettered, _abandoned;

    /// <summary>Creates a consumer; nothing happens until <see cref="StartAsync"/>.</summary>
    /// <param name="connection">An open (auto-recovering) connection; not owned.</param>
    /// <param name="classifier">The shared classifier; not owned.</param>
    /// <param name="options">Validated broker options.</param>
    /// <param name="prefetch">Unacknowledged deliveries at a time (see <see cref="RabbitMqOptions.EffectivePrefetch"/>).</param>
    /// <param name="logger">Structured log of failures and dead letters.</param>
    public ClassificationConsumer(IConnection connection, ITextClassifier classifier, RabbitMqOptions options, ushort prefetch, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfZero(prefetch);
        _connection = connection;
        _classifier = classifier;
        _options = options;
        _prefetch = prefetch;
        _logger = logger;
    }

    /// <summary>Counters since start.</summary>
    public ConsumerStats Stats => new(
        Interlocked.Read(ref _acked), Interlocked.Read(ref _retried), Interlocked.Read(ref _deadLettered),
        Interlocked.Read(ref _abandoned), Volatile.Read(ref _inFlight));

    /// <summary>Opens the channels, declares the topology, sets the prefetch and starts consuming.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_consumeChannel is not null)
        {
            throw new InvalidOperationException("The consumer has already been started.");
        }

        _publishChannel = await _connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken).ConfigureAwait(false);
        _consumeChannel = await _connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: false, publisherConfirmationTrackingEnabled: false, consumerDispatchConcurrency: _prefetch),
            cancellationToken).ConfigureAwait(false);
        await Topology.DeclareAsync(_consumeChannel, _options, cancellationToken).ConfigureAwait(false);
        await _consumeChannel.BasicQosAsync(0, _prefetch, global: false, cancellationToken).ConfigureAwait(false);

        var consumer = new AsyncEventingBasicConsumer(_consumeChannel);
        consumer.ReceivedAsync += OnReceivedAsync;
        _consumerTag = await _consumeChannel.BasicConsumeAsync(_options.RequestQueueName, autoAck: false, consumer, cancellationToken).ConfigureAwait(false);
        LogConsuming(_logger, _options.RequestQueueName, _prefetch, _options.MaxRedeliveries);
    }

    /// <summary>
    /// Stops taking new deliveries and waits for the in-flight ones to be settled. When <paramref name="cancellationToken"/>
    /// fires first (the host's shutdown timeout), the remaining ones are abandoned unacknowledged: the broker
    /// redelivers them to another worker once this one's channel closes.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        _stopping = true;
        if (_consumeChannel is { IsOpen: true } && _consumerTag is not null)
        {
            try
            {
                await _consumeChannel.BasicCancelAsync(_consumerTag, noWait: false, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AlreadyClosedException or OperationInterruptedException or OperationCanceledException)
            {
                LogCancelFailed(_logger, e.Message);
            }
        }

        if (Volatile.Read(ref _inFlight) == 0)
        {
            _drained.TrySetResult();
        }

        var waiting = Volatile.Read(ref _inFlight);
        try
        {
            await _drained.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            LogDrained(_logger, waiting);
        }
        catch (OperationCanceledException)
        {
            LogDrainTimedOut(_logger, Volatile.Read(ref _inFlight));
            await _abort.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Cancels whatever is still in flight and closes both channels.</summary>
    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        await _abort.CancelAsync().ConfigureAwait(false);
        foreach (var channel in new[] { _consumeChannel, _publishChannel })
        {
            if (channel is null)
            {
                continue;
            }

            try
            {
                await channel.CloseAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is AlreadyClosedException or OperationInterruptedException or IOException)
            {
                // Closing a channel of a dead connection: nothing left to release on the broker.
            }

            await channel.DisposeAsync().ConfigureAwait(false);
        }

        _abort.Dispose();
    }
}

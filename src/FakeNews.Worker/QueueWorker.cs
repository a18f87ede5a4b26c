using FakeNews.Inference;
using FakeNews.Messaging.RabbitMQ;
using FakeNews.Serving;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace FakeNews.Worker;

/// <summary>
/// Connects to the broker (retrying with backoff until it is reachable), then consumes requests until the host stops.
/// On stop it cancels the consumer and drains in-flight requests within the host's shutdown timeout
/// (<c>HostOptions:ShutdownTimeout</c>); whatever is still unsettled then is left to the broker to redeliver.
/// Lost connections are recovered by the client's automatic recovery, consumer included.
/// </summary>
internal sealed partial class QueueWorker : BackgroundService
{
    private readonly ClassifierHolder _classifiers;
    private readonly RabbitMqOptions _options;
    private readonly ClassifierOptions _classifierOptions;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IConnection? _connection;
    private ClassificationConsumer? _consumer;

    public QueueWorker(ClassifierHolder classifiers, IOptions<RabbitMqOptions> options, IOptions<ClassifierOptions> classifierOptions, ILoggerFactory loggerFactory)
    {
        _classifiers = classifiers;
        _options = options.Value;
        _classifierOptions = classifierOptions.Value;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<QueueWorker>();
    }

    /// <summary>True while the broker connection is open and the consumer is running.</summary>
    public bool IsConsuming => _consumer is not null && _connection is { IsOpen: true };

    /// <summary>A short description of the broker state for the health report.</summary>
    public string BrokerState => _connection is null ? "connecting" : _connection.IsOpen ? (_consumer is null ? "starting consumer" : "consuming") : "reconnecting";

    /// <summary>The consumer's counters, or null before it started.</summary>
    public ConsumerStats? Stats => _consumer?.Stats;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            _connection = await BrokerConnector.ConnectAsync(_options, _loggerFactory.CreateLogger(typeof(BrokerConnector)), cancellationToken: stoppingToken).ConfigureAwait(false);
            _connection.ConnectionShutdownAsync += (_, args) =>
            {
                LogConnectionLost(_logger, args.ReplyText);
                return Task.CompletedTask;
            };
            _connection.RecoverySucceededAsync += (_, _) =>
            {
                LogConnectionRecovered(_logger);
                return Task.CompletedTask;
            };

            var prefetch = _options.EffectivePrefetch(WorkerOptions.BatchSize(_classifierOptions));
            var consumer = new ClassificationConsumer(_connection, _classifiers.Get(), _options, prefetch, _loggerFactory.CreateLogger<ClassificationConsumer>());
            await consumer.StartAsync(stoppingToken).ConfigureAwait(false);
            _consumer = consumer;
            _started.TrySetResult();
            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown; StopAsync has drained the consumer.
        }
        catch (Exception e)
        {
            // Not retryable (refused login, conflicting topology): stop the host with a failure exit code, once,
            // rather than loop; a supervisor restarting the process will hit the same message.
            LogFatal(_logger, e, e is RabbitMQ.Client.Exceptions.BrokerUnreachableException { InnerException: { } inner } ? inner.Message : e.Message);
            Environment.ExitCode = 1;
            throw;
        }
        finally
        {
            _started.TrySetResult();
            await CloseAsync().ConfigureAwait(false);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_consumer is { } consumer)
        {
            await consumer.StopAsync(cancellationToken).ConfigureAwait(false);
            var stats = consumer.Stats;
            var batches = _classifiers.Get().Stats;
            LogStopped(_logger, stats.Acked, stats.Retried, stats.DeadLettered, stats.Abandoned, batches.Items, batches.Batches, batches.MeanBatchSize);
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task CloseAsync()
    {
        if (_consumer is not null)
        {
            await _consumer.DisposeAsync().ConfigureAwait(false);
        }

        if (_connection is not null)
        {
            try
            {
                await _connection.CloseAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or RabbitMQ.Client.Exceptions.AlreadyClosedException or OperationCanceledException)
            {
                // The broker is gone; nothing to close politely.
            }

            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 13, Level = LogLevel.Critical, Message = "The worker cannot consume: {Reason}")]
    private static partial void LogFatal(ILogger logger, Exception exception, string reason);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Lost the RabbitMQ connection ({Reason}); automatic recovery is retrying")]
    private static partial void LogConnectionLost(ILogger logger, string reason);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "RabbitMQ connection recovered; consuming again")]
    private static partial void LogConnectionRecovered(ILogger logger);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Worker stopped: {Acked} answered, {Retried} retried, {DeadLettered} dead-lettered, {Abandoned} left for redelivery; {Windows} windows in {Batches} batches (mean {MeanBatchSize:F1})")]
    private static partial void LogStopped(ILogger logger, long acked, long retried, long deadLettered, long abandoned, long windows, long batches, double meanBatchSize);
}

using global::RabbitMQ.Client;
using global::RabbitMQ.Client.Exceptions;
using Microsoft.Extensions.Logging;

namespace FakeNews.Messaging.RabbitMQ;

/// <summary>
/// Opens connections with RabbitMQ.Client's automatic recovery (connection, channels, topology and consumers come
/// back after a broker restart or a dropped connection, retried every <see cref="RabbitMqOptions.RecoveryInterval"/>)
/// and, for the first connection, its own retry loop with exponential backoff and jitter, so a worker started before
/// its broker waits instead of crash-looping.
/// </summary>
public static partial class BrokerConnector
{
    /// <summary>The connection factory for <paramref name="options"/>.</summary>
    public static ConnectionFactory CreateFactory(RabbitMqOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ConnectionFactory
        {
            Uri = new Uri(options.Uri),
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = options.RecoveryInterval,
            RequestedHeartbeat = options.Heartbeat,
            ClientProvidedName = options.ClientName,
        };
    }

    /// <summary>Connects once; fails with the broker's error (no retry). For the CLI, where a quick clear error is wanted.</summary>
    /// <exception cref="BrokerUnreachableException">The broker cannot be reached or refused the login.</exception>
    public static Task<IConnection> ConnectOnceAsync(RabbitMqOptions options, CancellationToken cancellationToken = default) =>
        CreateFactory(options).CreateConnectionAsync(cancellationToken);

    /// <summary>
    /// Connects, retrying unreachable-broker failures with backoff (<see cref="RabbitMqOptions.ConnectRetryInitial"/>
    /// doubling up to <see cref="RabbitMqOptions.ConnectRetryMax"/>, plus up to 20 % jitter) until it succeeds or
    /// <paramref name="cancellationToken"/> is cancelled. Authentication failures are not retried.
    /// </summary>
    public static async Task<IConnection> ConnectAsync(
        RabbitMqOptions options, ILogger logger, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        time ??= TimeProvider.System;
        var factory = CreateFactory(options);
        var endpoint = $"{factory.HostName}:{factory.Port}{factory.VirtualHost}";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
                LogConnected(logger, endpoint, attempt);
                return connection;
            }
            catch (BrokerUnreachableException e) when (e.InnerException is not AuthenticationFailureException && !cancellationToken.IsCancellationRequested)
            {
                var delay = Backoff(options, attempt);
                LogConnectFailed(logger, endpoint, attempt, delay.TotalSeconds, e.InnerException?.Message ?? e.Message);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based): doubling from the initial wait, capped, plus jitter.</summary>
    internal static TimeSpan Backoff(RabbitMqOptions options, int attempt, double jitter = -1)
    {
        var exponent = Math.Min(attempt - 1, 30);
        var baseMs = Math.Min(options.ConnectRetryMax.TotalMilliseconds, options.ConnectRetryInitial.TotalMilliseconds * Math.Pow(2, exponent));
        jitter = jitter < 0 ? Random.Shared.NextDouble() : jitter;
        return TimeSpan.FromMilliseconds(baseMs * (1 + 0.2 * jitter));
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Connected to RabbitMQ at {Endpoint} (attempt {Attempt})")]
    private static partial void LogConnected(ILogger logger, string endpoint, int attempt);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Cannot reach RabbitMQ at {Endpoint} (attempt {Attempt}); retrying in {DelaySeconds:F1} s: {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, string endpoint, int attempt, double delaySeconds, string reason);
}

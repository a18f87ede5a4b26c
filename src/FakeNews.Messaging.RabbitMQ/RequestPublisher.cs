using FakeNews.Messaging;
using global::RabbitMQ.Client;

namespace FakeNews.Messaging.RabbitMQ;

/// <summary>
/// Publishes requests to the request queue on a channel with publisher confirms: each publish completes only when
/// the broker has taken responsibility for the message (written it to the quorum queue). Safe for concurrent
/// publishes; keep a window of them in flight for throughput.
/// </summary>
public sealed class RequestPublisher : IAsyncDisposable
{
    private readonly IChannel _channel;
    private readonly RabbitMqOptions _options;

    private RequestPublisher(IChannel channel, RabbitMqOptions options)
    {
        _channel = channel;
        _options = options;
    }

    /// <summary>Opens a confirming channel on <paramref name="connection"/> and declares the topology.</summary>
    public static async Task<RequestPublisher> CreateAsync(IConnection connection, RabbitMqOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken).ConfigureAwait(false);
        try
        {
            await Topology.DeclareAsync(channel, options, cancellationToken).ConfigureAwait(false);
            return new RequestPublisher(channel, options);
        }
        catch
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Publishes <paramref name="request"/> (persistent; message id = its id) and waits for the broker's confirm.
    /// With <paramref name="replyTo"/> the worker sends the result to that queue instead of the results queue.
    /// </summary>
    /// <exception cref="global::RabbitMQ.Client.Exceptions.PublishException">The broker refused the message.</exception>
    public Task PublishAsync(ArticleRequest request, string? replyTo = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PublishRawAsync(MessageSerializer.Serialize(request), request.Id, replyTo, cancellationToken);
    }

    /// <summary>Publishes a body exactly as given (replays, and tests of malformed input) and waits for the confirm.</summary>
    public async Task PublishRawAsync(ReadOnlyMemory<byte> body, string? messageId, string? replyTo = null, CancellationToken cancellationToken = default)
    {
        var properties = new BasicProperties
        {
            MessageId = messageId,
            CorrelationId = messageId,
            ReplyTo = replyTo,
            ContentType = MessageContract.ContentType,
            Type = MessageContract.RequestType,
            DeliveryMode = DeliveryModes.Persistent,
            Timestamp = new AmqpTimestamp(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
        };
        await _channel.BasicPublishAsync(string.Empty, _options.RequestQueueName, mandatory: true, properties, body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the channel.</summary>
    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync().ConfigureAwait(false);
    }
}

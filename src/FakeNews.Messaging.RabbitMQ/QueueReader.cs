using System.Threading.Channels;
using global::RabbitMQ.Client;
using global::RabbitMQ.Client.Events;
using global::RabbitMQ.Client.Exceptions;

namespace FakeNews.Messaging.RabbitMQ;

/// <summary>
/// Reads one queue with manual acknowledgements, for <c>collect</c> and tests: messages are buffered (at most the
/// prefetch count) and handed out by <see cref="ReceiveAsync"/>; the caller acknowledges them after it has stored them.
/// Single reader; not for the worker's hot path.
/// </summary>
public sealed class QueueReader : IAsyncDisposable
{
    private readonly IChannel _channel;
    private readonly Channel<ReceivedMessage> _buffer;

    private QueueReader(IChannel channel, Channel<ReceivedMessage> buffer)
    {
        _channel = channel;
        _buffer = buffer;
    }

    /// <summary>Starts consuming <paramref name="queue"/> with <paramref name="prefetch"/> unacknowledged messages at most.</summary>
    public static async Task<QueueReader> StartAsync(IConnection connection, string queue, ushort prefetch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            await channel.BasicQosAsync(0, prefetch, global: false, cancellationToken).ConfigureAwait(false);
            var buffer = Channel.CreateUnbounded<ReceivedMessage>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, delivery) =>
            {
                var message = new ReceivedMessage(
                    delivery.DeliveryTag, delivery.Body.ToArray(), delivery.BasicProperties.MessageId,
                    delivery.BasicProperties.CorrelationId, delivery.BasicProperties.Headers);
                buffer.Writer.TryWrite(message);
                return Task.CompletedTask;
            };
            await channel.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken).ConfigureAwait(false);
            return new QueueReader(channel, buffer);
        }
        catch
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The next message, or null when none arrives within <paramref name="idleTimeout"/>.</summary>
    public async Task<ReceivedMessage?> ReceiveAsync(TimeSpan idleTimeout, CancellationToken cancellationToken = default)
    {
        if (_buffer.Reader.TryRead(out var ready))
        {
            return ready;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(idleTimeout);
        try
        {
            return await _buffer.Reader.ReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>A message already buffered, without waiting.</summary>
    public bool TryReceive(out ReceivedMessage? message)
    {
        var found = _buffer.Reader.TryRead(out var item);
        message = item;
        return found;
    }

    /// <summary>
    /// Acknowledges <paramref name="deliveryTag"/>, and with <paramref name="multiple"/> every earlier one. Returns false
    /// when the connection was lost meanwhile: the broker has requeued those messages and delivers them again (at least
    /// once), so the caller sees them twice.
    /// </summary>
    public async Task<bool> AckAsync(ulong deliveryTag, bool multiple, CancellationToken cancellationToken = default)
    {
        try
        {
            await _channel.BasicAckAsync(deliveryTag, multiple, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AlreadyClosedException)
        {
            return false;
        }
    }

    /// <summary>Closes the channel; unacknowledged messages return to the queue.</summary>
    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync().ConfigureAwait(false);
    }
}

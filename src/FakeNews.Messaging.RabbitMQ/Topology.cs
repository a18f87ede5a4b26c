using FakeNews.Messaging;
using global::RabbitMQ.Client;
using global::RabbitMQ.Client.Exceptions;

namespace FakeNews.Messaging.RabbitMQ;

/// <summary>
/// Declares the worker's exchanges and queues, idempotently (the worker and the CLI verbs both call it):
/// <list type="bullet">
/// <item>the request queue: durable quorum queue (the broker counts redeliveries in <c>x-delivery-count</c>), dead-lettering to the DLX
/// after <see cref="BrokerDeliveryLimit"/> deliveries as a backstop for messages that crash workers;</item>
/// <item>the retry queue: durable quorum queue with no consumer; a failed request is published to it with a per-message
/// expiration (its backoff) and the broker dead-letters it back into the request queue when that expires (at least
/// once, so a broker restart in between loses nothing);</item>
/// <item>the results exchange (durable, direct) and the results queue bound to it with its own name as routing key;</item>
/// <item>the dead-letter exchange (durable, direct) and the dead-letter queue bound with the request queue's name.</item>
/// </list>
/// The queue arguments depend on no per-worker setting, so every client declares them identically.
/// </summary>
public static class Topology
{
    /// <summary>Deliveries after which the broker itself dead-letters a request (reason <c>delivery_limit</c> in <c>x-death</c>).</summary>
    public const int BrokerDeliveryLimit = DeliveryPolicy.MaxAllowedRedeliveries + 1;

    /// <summary>Declares everything; safe to call concurrently from many clients.</summary>
    /// <exception cref="InvalidOperationException">A queue exists with other arguments (e.g. a classic queue of the same name).</exception>
    public static async Task DeclareAsync(IChannel channel, RabbitMqOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            await channel.ExchangeDeclareAsync(options.DeadLetterExchangeName, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
            await channel.QueueDeclareAsync(options.DeadLetterQueueName, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
            await channel.QueueBindAsync(options.DeadLetterQueueName, options.DeadLetterExchangeName, options.RequestQueueName, cancellationToken: cancellationToken).ConfigureAwait(false);

            await channel.ExchangeDeclareAsync(options.ResultsExchangeName, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
            await channel.QueueDeclareAsync(options.ResultsQueueName, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
            await channel.QueueBindAsync(options.ResultsQueueName, options.ResultsExchangeName, options.ResultsQueueName, cancellationToken: cancellationToken).ConfigureAwait(false);

            var arguments = new Dictionary<string, object?>
            {
                ["x-queue-type"] = "quorum",
                ["x-dead-letter-exchange"] = options.DeadLetterExchangeName,
                ["x-dead-letter-routing-key"] = options.RequestQueueName,
                ["x-delivery-limit"] = BrokerDeliveryLimit,
            };
            await channel.QueueDeclareAsync(options.RequestQueueName, durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: cancellationToken).ConfigureAwait(false);

            var retry = new Dictionary<string, object?>
            {
                ["x-queue-type"] = "quorum",
                ["x-dead-letter-exchange"] = "",
                ["x-dead-letter-routing-key"] = options.RequestQueueName,
                ["x-dead-letter-strategy"] = "at-least-once",
                ["x-overflow"] = "reject-publish",
            };
            await channel.QueueDeclareAsync(options.RetryQueueName, durable: true, exclusive: false, autoDelete: false, retry, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == Constants.PreconditionFailed)
        {
            throw new InvalidOperationException(
                $"RabbitMQ refused to declare the worker's topology ({e.ShutdownReason.ReplyText}). A queue or exchange of the same name exists with " +
                $"other settings; delete it, or choose other names with RabbitMQ:Prefix.", e);
        }
    }
}

namespace FakeNews.Messaging.RabbitMQ;

/// <summary>A message taken from a queue by <see cref="QueueReader"/>, copied out of the client's buffers.</summary>
/// <param name="DeliveryTag">The tag to acknowledge it with.</param>
/// <param name="Body">The body bytes.</param>
/// <param name="MessageId">The AMQP message id.</param>
/// <param name="CorrelationId">The AMQP correlation id.</param>
/// <param name="Headers">The AMQP headers (string values arrive as byte arrays; read them with <see cref="AmqpHeaders"/>).</param>
public sealed record ReceivedMessage(
    ulong DeliveryTag,
    ReadOnlyMemory<byte> Body,
    string? MessageId,
    string? CorrelationId,
    IDictionary<string, object?>? Headers);

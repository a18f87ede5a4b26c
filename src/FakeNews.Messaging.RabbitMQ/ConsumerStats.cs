namespace FakeNews.Messaging.RabbitMQ;

/// <summary>Counters of a <see cref="ClassificationConsumer"/> since it started.</summary>
/// <param name="Acked">Requests answered: result published and confirmed, then acknowledged.</param>
/// <param name="Retried">Deliveries returned to the queue after a transient failure.</param>
/// <param name="DeadLettered">Requests published to the dead-letter queue with a reason, then acknowledged.</param>
/// <param name="Abandoned">Deliveries left unacknowledged because the channel closed or shutdown ran out of time; the broker redelivers them.</param>
/// <param name="InFlight">Deliveries being handled now.</param>
public sealed record ConsumerStats(long Acked, long Retried, long DeadLettered, long Abandoned, int InFlight);

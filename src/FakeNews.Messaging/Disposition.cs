namespace FakeNews.Messaging;

/// <summary>What the worker does with a delivered request once it has been handled.</summary>
public enum Disposition
{
    /// <summary>The result was published and confirmed: acknowledge the request.</summary>
    Ack,

    /// <summary>A transient failure: send the request back to its queue after a backoff (<see cref="DeliveryPolicy.RetryDelay"/>) for another attempt.</summary>
    Retry,

    /// <summary>The request can never succeed, or ran out of attempts: publish it to the dead-letter queue with a reason, then acknowledge it.</summary>
    DeadLetter,
}

/// <summary>The decision for one delivery: a <see cref="Disposition"/> and, for dead letters, the reason.</summary>
public sealed record DeliveryDecision(Disposition Disposition, DeadLetterReason? Reason = null)
{
    /// <summary>Acknowledge.</summary>
    public static DeliveryDecision Ack { get; } = new(Disposition.Ack);

    /// <summary>Requeue for another attempt.</summary>
    public static DeliveryDecision Retry { get; } = new(Disposition.Retry);

    /// <summary>Dead-letter with <paramref name="reason"/>.</summary>
    public static DeliveryDecision DeadLetter(DeadLetterReason reason) => new(Disposition.DeadLetter, reason);
}

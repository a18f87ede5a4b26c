using FakeNews.Core.Classification;

namespace FakeNews.Messaging;

/// <summary>
/// The one place where the outcome of handling a request becomes ack, retry or dead-letter. Input problems
/// (poison bodies, <see cref="ErrorKind.InvalidInput"/>, <see cref="ErrorKind.TooLong"/>) are dead-lettered at once;
/// transient failures (<see cref="ErrorKind.Overloaded"/>, <see cref="ErrorKind.BackendFailure"/>, <see cref="ErrorKind.NotReady"/>,
/// and any unexpected exception) are retried until the request has been delivered <c>maxRedeliveries + 1</c> times,
/// then dead-lettered with <see cref="ReasonCodes.RetriesExhausted"/>. A failure is never acknowledged as a success.
/// </summary>
public static class DeliveryPolicy
{
    /// <summary>The largest allowed redelivery limit; the request queue's broker-side delivery limit sits just above it.</summary>
    public const int MaxAllowedRedeliveries = 20;

    /// <summary>The decision for a body that failed validation.</summary>
    public static DeliveryDecision ForPoison(DeadLetterReason reason) => DeliveryDecision.DeadLetter(reason);

    /// <summary>The decision for a failed classification.</summary>
    /// <param name="error">What the classifier (or the code around it) threw.</param>
    /// <param name="previousDeliveries">Earlier failed deliveries of this message (the broker's <c>x-delivery-count</c>).</param>
    /// <param name="maxRedeliveries">How many times a message may be redelivered after its first delivery.</param>
    public static DeliveryDecision ForFailure(Exception error, long previousDeliveries, int maxRedeliveries)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error is ClassificationException { IsInputFault: true } input)
        {
            var code = input.Kind == ErrorKind.TooLong ? ReasonCodes.TooLong : ReasonCodes.InvalidInput;
            return DeliveryDecision.DeadLetter(new DeadLetterReason(code, OneLine(input.Message)));
        }

        if (previousDeliveries < maxRedeliveries)
        {
            return DeliveryDecision.Retry;
        }

        var what = error is ClassificationException c ? $"{ErrorKindNames.Name(c.Kind)}: {c.Message}" : $"{error.GetType().Name}: {error.Message}";
        return DeliveryDecision.DeadLetter(new DeadLetterReason(
            ReasonCodes.RetriesExhausted, OneLine($"failed on all {previousDeliveries + 1} deliveries; last error {what}")));
    }

    /// <summary>
    /// The wait before retry number <paramref name="retry"/> + 1 (0 for the first retry): <paramref name="first"/>
    /// doubling per retry up to <paramref name="cap"/>, then scaled by 0.5 + 0.5 x <paramref name="jitter"/>, so
    /// requests that failed together (one outage) come back spread over half to all of the wait.
    /// </summary>
    /// <param name="retry">Earlier failed deliveries of the request minus one; 0 or more.</param>
    /// <param name="first">The wait before the first retry.</param>
    /// <param name="cap">The longest wait.</param>
    /// <param name="jitter">A uniform draw from [0, 1].</param>
    public static TimeSpan RetryDelay(int retry, TimeSpan first, TimeSpan cap, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retry);
        var full = Math.Min(cap.TotalMilliseconds, first.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 30)));
        return TimeSpan.FromMilliseconds(full * (0.5 + (0.5 * Math.Clamp(jitter, 0, 1))));
    }

    /// <summary>The decision when the result could not be routed to the request's <c>reply_to</c> queue.</summary>
    public static DeliveryDecision ForUnroutableReply(string replyTo) =>
        DeliveryDecision.DeadLetter(new DeadLetterReason(ReasonCodes.UnroutableReplyTo, $"no queue named '{replyTo}' took the result"));

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}

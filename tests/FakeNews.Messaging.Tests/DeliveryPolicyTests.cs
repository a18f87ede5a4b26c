using FakeNews.Core.Classification;
using FakeNews.Messaging;

namespace FakeNews.Messaging.Tests;

public sealed class DeliveryPolicyTests
{
    [Theory]
    [InlineData(ErrorKind.InvalidInput, ReasonCodes.InvalidInput)]
    [InlineData(ErrorKind.TooLong, ReasonCodes.TooLong)]
    public void Input_errors_are_dead_lettered_on_the_first_delivery(ErrorKind kind, string code)
    {
        var decision = DeliveryPolicy.ForFailure(new ClassificationException(kind, "bad\ninput"), previousDeliveries: 0, maxRedeliveries: 5);

        Assert.Equal(Disposition.DeadLetter, decision.Disposition);
        Assert.Equal(code, decision.Reason?.Code);
        Assert.Equal("bad input", decision.Reason?.Detail);
    }

    [Theory]
    [InlineData(ErrorKind.BackendFailure)]
    [InlineData(ErrorKind.Overloaded)]
    [InlineData(ErrorKind.NotReady)]
    public void Transient_errors_are_retried_until_the_redelivery_limit_then_dead_lettered(ErrorKind kind)
    {
        var error = new ClassificationException(kind, "boom");

        var decisions = Enumerable.Range(0, 4).Select(previous => DeliveryPolicy.ForFailure(error, previous, maxRedeliveries: 3)).ToList();

        Assert.All(decisions.Take(3), d => Assert.Equal(Disposition.Retry, d.Disposition));
        Assert.Equal(Disposition.DeadLetter, decisions[3].Disposition);
        Assert.Equal(ReasonCodes.RetriesExhausted, decisions[3].Reason?.Code);
        Assert.Contains("all 4 deliveries", decisions[3].Reason!.Detail, StringComparison.Ordinal);
        Assert.Contains(ErrorKindNames.Name(kind), decisions[3].Reason!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Unexpected_exceptions_are_treated_as_transient()
    {
        var error = new InvalidOperationException("session lost");

        Assert.Equal(Disposition.Retry, DeliveryPolicy.ForFailure(error, 0, 1).Disposition);
        var last = DeliveryPolicy.ForFailure(error, 1, 1);
        Assert.Equal(Disposition.DeadLetter, last.Disposition);
        Assert.Contains("InvalidOperationException: session lost", last.Reason!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_redeliveries_dead_letters_a_transient_failure_at_once()
    {
        var decision = DeliveryPolicy.ForFailure(new ClassificationException(ErrorKind.BackendFailure, "x"), 0, maxRedeliveries: 0);

        Assert.Equal(Disposition.DeadLetter, decision.Disposition);
    }

    [Fact]
    public void Poison_and_unroutable_replies_are_dead_lettered_never_acked()
    {
        var poison = DeliveryPolicy.ForPoison(new DeadLetterReason(ReasonCodes.MalformedJson, "x"));
        var unroutable = DeliveryPolicy.ForUnroutableReply("gone");

        Assert.Equal(Disposition.DeadLetter, poison.Disposition);
        Assert.Equal(Disposition.DeadLetter, unroutable.Disposition);
        Assert.Equal(ReasonCodes.UnroutableReplyTo, unroutable.Reason?.Code);
    }

    [Fact]
    public void Retry_delay_doubles_per_attempt_up_to_the_cap_and_the_jitter_keeps_half_to_all_of_it()
    {
        var first = TimeSpan.FromSeconds(1);
        var cap = TimeSpan.FromSeconds(30);

        var full = Enumerable.Range(0, 7).Select(n => DeliveryPolicy.RetryDelay(n, first, cap, jitter: 1).TotalSeconds);
        var half = DeliveryPolicy.RetryDelay(3, first, cap, jitter: 0).TotalSeconds;

        Assert.Equal(new[] { 1.0, 2, 4, 8, 16, 30, 30 }, full);
        Assert.Equal(4, half, precision: 6);
    }
}

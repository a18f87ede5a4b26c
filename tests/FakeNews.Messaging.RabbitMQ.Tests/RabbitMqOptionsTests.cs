namespace FakeNews.Messaging.RabbitMQ.Tests;

/// <summary>The transport's settings: defaults, derived names and validation messages.</summary>
public sealed class RabbitMqOptionsTests
{
    [Fact]
    public void Default_prefetch_is_four_batches_and_an_explicit_one_wins()
    {
        Assert.Equal(128, new RabbitMqOptions().EffectivePrefetch(maxBatchSize: 32));
        Assert.Equal(1, new RabbitMqOptions { Prefetch = 1 }.EffectivePrefetch(maxBatchSize: 32));
    }

    [Fact]
    public void Queue_names_follow_the_prefix_unless_set()
    {
        var options = new RabbitMqOptions { Prefix = "news", DeadLetterQueue = "parked" };

        Assert.Equal(
            ("news.requests", "news.results", "news.results", "news.dlx", "parked"),
            (options.RequestQueueName, options.ResultsExchangeName, options.ResultsQueueName, options.DeadLetterExchangeName, options.DeadLetterQueueName));
    }

    [Fact]
    public void Names_that_collide_are_rejected_naming_the_setting()
    {
        var options = new RabbitMqOptions { ResultsQueue = "fakenews.requests" };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.StartsWith("RabbitMQ:RequestQueue is 'fakenews.requests'; it must be different from ResultsQueue and DeadLetterQueue.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broker_uri_password_is_redacted_in_the_validation_error()
    {
        var options = new RabbitMqOptions { Uri = "http://admin:s3cret-pass@broker.example:5672/" };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.DoesNotContain("s3cret-pass", error.Message, StringComparison.Ordinal);
        Assert.Contains("admin:***@broker.example", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unparseable_broker_uri_is_redacted_too()
    {
        var options = new RabbitMqOptions { Uri = "amqp://admin:p@ss:word@host:notaport/" };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.DoesNotContain("ss:word", error.Message, StringComparison.Ordinal);
    }
}

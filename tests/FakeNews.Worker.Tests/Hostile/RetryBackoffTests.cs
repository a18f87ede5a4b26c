using System.Diagnostics;
using FakeNews.Inference;
using FakeNews.Messaging;
using FakeNews.Messaging.RabbitMQ;
using FakeNews.Worker.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using RabbitMQ.Client;

namespace FakeNews.Worker.Tests.Hostile;

/// <summary>Retries wait out a backoff instead of burning every attempt at once; poison never loops.</summary>
public sealed class RetryBackoffTests
{
    [BrokerFact]
    public async Task Failed_request_is_retried_after_a_backoff_not_at_once()
    {
        await using var broker = await BrokerScope.CreateAsync("backoff");
        broker.Options.MaxRedeliveries = 2;
        broker.Options.RetryDelay = TimeSpan.FromSeconds(2);
        broker.Options.RetryDelayMax = TimeSpan.FromSeconds(2);
        await using var collector = await broker.CollectAsync();
        await using var real = await FakeNewsClassifier.CreateAsync(new ClassifierOptions { ModelDirectory = Paths.TinyModel, Device = ExecutionDevice.Cpu, IntraOpThreads = 1 });
        var classifier = new FaultInjectingClassifier(real);
        await using var consumer = new ClassificationConsumer(broker.Connection, classifier, broker.Options, prefetch: 4, NullLogger.Instance);
        await consumer.StartAsync();

        var clock = Stopwatch.StartNew();
        await using (var publisher = await RequestPublisher.CreateAsync(broker.Connection, broker.Options))
        {
            await publisher.PublishAsync(new ArticleRequest("once", "FAIL-ONCE claim"));
        }

        Assert.True(await collector.WaitForAsync(n => n == 1, TimeSpan.FromSeconds(20)));
        clock.Stop();
        Assert.Equal(2, classifier.Attempts("FAIL-ONCE claim"));
        // Half of RetryDelay at least (the jitter draws from half to all of it).
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1), $"answered after {clock.Elapsed}: the retry did not wait");
    }

    [BrokerFact]
    public async Task Publisher_set_negative_retry_count_cannot_buy_extra_retries()
    {
        await using var broker = await BrokerScope.CreateAsync("negative");
        broker.Options.MaxRedeliveries = 1;
        await using var real = await FakeNewsClassifier.CreateAsync(new ClassifierOptions { ModelDirectory = Paths.TinyModel, Device = ExecutionDevice.Cpu, IntraOpThreads = 1 });
        var classifier = new FaultInjectingClassifier(real);
        await using var consumer = new ClassificationConsumer(broker.Connection, classifier, broker.Options, prefetch: 4, NullLogger.Instance);
        await consumer.StartAsync();

        await using (var channel = await broker.Connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)))
        {
            var properties = new BasicProperties { MessageId = "greedy", Headers = new Dictionary<string, object?> { [MessageContract.RetriesHeader] = -1000L } };
            await channel.BasicPublishAsync(string.Empty, broker.Options.RequestQueueName, mandatory: true, properties, "{\"text\": \"FAIL-ALWAYS greedy\"}"u8.ToArray());
        }

        var letter = Assert.Single(await broker.ReadDeadLettersAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Equal("greedy", letter.MessageId);
        Assert.StartsWith("retries_exhausted: failed on all 2 deliveries", AmqpHeaders.GetString(letter.Headers, MessageContract.ReasonHeader), StringComparison.Ordinal);
        Assert.Equal(2, classifier.Attempts("FAIL-ALWAYS greedy"));
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

    [Fact]
    public void Prefetch_times_max_windows_over_the_batcher_queue_is_refused_at_start_naming_the_settings()
    {
        var classifier = new ClassifierOptions { MaxWindows = 64, QueueCapacity = 1000 };
        var rabbit = new RabbitMqOptions { Prefetch = 100 };

        var problem = Assert.Single(QueueFitValidator.Fit(classifier, rabbit));

        Assert.Contains("RabbitMQ:Prefetch", problem, StringComparison.Ordinal);
        Assert.Contains("Classifier:QueueCapacity", problem, StringComparison.Ordinal);

        // The worker's appsettings.json: batches of 32, so a default prefetch of 128, and room for 8192 windows.
        Assert.Empty(QueueFitValidator.Fit(new ClassifierOptions { MaxBatchSize = 32, QueueCapacity = 8192 }, new RabbitMqOptions()));
    }
}

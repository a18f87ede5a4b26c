using System.Diagnostics;
using FakeNews.Inference;
using FakeNews.Messaging;
using FakeNews.Messaging.RabbitMQ;
using FakeNews.Messaging.RabbitMQ.Tests.Infrastructure;
using FakeNews.Testing.Broker;
using Microsoft.Extensions.Logging.Abstractions;
using RabbitMQ.Client;

namespace FakeNews.Messaging.RabbitMQ.Tests.Hostile;

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
}

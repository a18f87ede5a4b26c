using System.Text;
using FakeNews.Inference;
using FakeNews.Messaging;
using FakeNews.Messaging.RabbitMQ;
using FakeNews.Messaging.RabbitMQ.Tests.Infrastructure;
using FakeNews.Testing.Broker;
using Microsoft.Extensions.Logging.Abstractions;
using RabbitMQ.Client;

namespace FakeNews.Messaging.RabbitMQ.Tests;

/// <summary>The consumer in-process against the real broker and the tiny model, with failures injected by text.</summary>
public sealed class ConsumerTests
{
    private static async Task<(ClassificationConsumer Consumer, FaultInjectingClassifier Classifier, FakeNewsClassifier Real)> StartAsync(
        BrokerScope broker, int maxRedeliveries = 2, int maxBodyBytes = 4096)
    {
        broker.Options.MaxRedeliveries = maxRedeliveries;
        broker.Options.MaxBodyBytes = maxBodyBytes;
        var real = await FakeNewsClassifier.CreateAsync(new ClassifierOptions { ModelDirectory = Paths.TinyModel, Device = ExecutionDevice.Cpu, IntraOpThreads = 1 });
        var classifier = new FaultInjectingClassifier(real);
        var consumer = new ClassificationConsumer(broker.Connection, classifier, broker.Options, prefetch: 16, NullLogger.Instance);
        await consumer.StartAsync();
        return (consumer, classifier, real);
    }

    /// <summary>The result can reach the collector a moment before the consumer's ack completes.</summary>
    private static async Task<ConsumerStats> SettledStatsAsync(ClassificationConsumer consumer)
    {
        for (var i = 0; i < 100 && consumer.Stats.InFlight > 0; i++)
        {
            await Task.Delay(50);
        }

        return consumer.Stats;
    }

    private static string Reason(ReceivedMessage letter) => AmqpHeaders.GetString(letter.Headers, MessageContract.ReasonHeader) ?? "(no reason header)";

    [BrokerFact]
    public async Task Poison_messages_end_in_the_dead_letter_queue_with_their_reason_and_valid_ones_are_answered()
    {
        await using var broker = await BrokerScope.CreateAsync("poison");
        await using var collector = await broker.CollectAsync();
        var (consumer, _, real) = await StartAsync(broker, maxBodyBytes: 4096);
        await using var _ = consumer;
        await using var __ = real;

        await broker.PublishRawAsync("{\"id\": \"bad-json\", \"text\": \"unterminated"u8.ToArray(), "bad-json");
        await broker.PublishRawAsync("{\"id\": \"no-text\", \"title\": \"only a title\"}"u8.ToArray(), "no-text");
        await broker.PublishRawAsync("{\"id\": \"blank-text\", \"text\": \"  \"}"u8.ToArray(), "blank-text");
        var huge = Encoding.UTF8.GetBytes($"{{\"id\": \"huge\", \"text\": \"{new string('a', 5000)}\"}}");
        await broker.PublishRawAsync(huge, "huge");
        await broker.PublishRawAsync("{\"id\": \"too-long\", \"text\": \"TOO-LONG article\"}"u8.ToArray(), "too-long");
        await broker.PublishRawAsync("{\"id\": \"fine\", \"text\": \"A perfectly ordinary claim.\"}"u8.ToArray(), "fine");

        var letters = await broker.ReadDeadLettersAsync(5, TimeSpan.FromSeconds(20));
        var reasons = letters.ToDictionary(l => l.MessageId!, Reason);
        Assert.Equal(5, reasons.Count);
        Assert.StartsWith("malformed_json: ", reasons["bad-json"], StringComparison.Ordinal);
        Assert.Equal("missing_text: the body has no 'text' field", reasons["no-text"]);
        Assert.Equal("empty_text: 'text' is empty or whitespace only", reasons["blank-text"]);
        Assert.Equal($"oversized: the body is {huge.Length} bytes; the limit is 4096", reasons["huge"]);
        Assert.StartsWith("too_long: injected", reasons["too-long"], StringComparison.Ordinal);
        Assert.All(letters, l => Assert.Equal(broker.Options.RequestQueueName, AmqpHeaders.GetString(l.Headers, MessageContract.OriginalQueueHeader)));
        Assert.Equal("{\"id\": \"no-text\", \"title\": \"only a title\"}", Encoding.UTF8.GetString(letters.Single(l => l.MessageId == "no-text").Body.Span));

        Assert.True(await collector.WaitForAsync(n => n == 1, TimeSpan.FromSeconds(10)));
        Assert.Equal("fine", Assert.Single(collector.Results).Key);
        Assert.Equal(new ConsumerStats(1, 0, 5, 0, 0), await SettledStatsAsync(consumer));
        Assert.Equal(0u, await broker.CountAsync(broker.Options.RequestQueueName));
    }

    [BrokerFact]
    public async Task Failed_inference_is_retried_up_to_the_redelivery_limit_then_dead_lettered()
    {
        await using var broker = await BrokerScope.CreateAsync("retry");
        await using var collector = await broker.CollectAsync();
        var (consumer, classifier, real) = await StartAsync(broker, maxRedeliveries: 2);
        await using var _ = consumer;
        await using var __ = real;

        await using (var publisher = await RequestPublisher.CreateAsync(broker.Connection, broker.Options))
        {
            await publisher.PublishAsync(new ArticleRequest("always", "FAIL-ALWAYS claim"));
            await publisher.PublishAsync(new ArticleRequest("once", "FAIL-ONCE claim"));
        }

        var letter = Assert.Single(await broker.ReadDeadLettersAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Equal("always", letter.MessageId);
        Assert.StartsWith("retries_exhausted: failed on all 3 deliveries; last error backend_failure: injected failure on attempt 3", Reason(letter), StringComparison.Ordinal);
        Assert.Equal(3, classifier.Attempts("FAIL-ALWAYS claim"));

        Assert.True(await collector.WaitForAsync(n => n == 1, TimeSpan.FromSeconds(10)));
        Assert.Equal("once", Assert.Single(collector.Results).Key);
        Assert.Equal(2, classifier.Attempts("FAIL-ONCE claim"));
        Assert.Equal(new ConsumerStats(1, 3, 1, 0, 0), await SettledStatsAsync(consumer));
    }

    [BrokerFact]
    public async Task Result_goes_to_reply_to_when_set_and_an_unroutable_reply_to_is_dead_lettered()
    {
        await using var broker = await BrokerScope.CreateAsync("replyto");
        var replyQueue = broker.Options.Prefix + ".replies";
        await using (var channel = await broker.Connection.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync(replyQueue, durable: false, exclusive: false, autoDelete: true);
        }

        await using var replies = await broker.CollectAsync(replyQueue);
        var (consumer, _, real) = await StartAsync(broker);
        await using var _c = consumer;
        await using var _r = real;

        await using (var publisher = await RequestPublisher.CreateAsync(broker.Connection, broker.Options))
        {
            await publisher.PublishAsync(new ArticleRequest("routed", "Claim with a reply queue."), replyTo: replyQueue);
            await publisher.PublishAsync(new ArticleRequest("lost", "Claim whose reply queue does not exist."), replyTo: broker.Options.Prefix + ".nowhere");
        }

        Assert.True(await replies.WaitForAsync(n => n == 1, TimeSpan.FromSeconds(10)));
        Assert.Equal("routed", Assert.Single(replies.Results).Key);
        var letter = Assert.Single(await broker.ReadDeadLettersAsync(1, TimeSpan.FromSeconds(10)));
        Assert.Equal("lost", letter.MessageId);
        Assert.StartsWith("unroutable_reply_to: ", Reason(letter), StringComparison.Ordinal);
        Assert.Equal(0u, await broker.CountAsync(broker.Options.ResultsQueueName));
    }

    [BrokerFact]
    public async Task Shutdown_that_runs_out_of_time_leaves_in_flight_requests_unacknowledged_for_redelivery()
    {
        await using var broker = await BrokerScope.CreateAsync("drain");
        var (consumer, classifier, real) = await StartAsync(broker);
        await using var _r = real;
        await using (var publisher = await RequestPublisher.CreateAsync(broker.Connection, broker.Options))
        {
            await publisher.PublishAsync(new ArticleRequest("stuck", "HANG forever"));
        }

        for (var i = 0; i < 100 && classifier.Attempts("HANG forever") == 0; i++)
        {
            await Task.Delay(50);
        }

        using var shutdownTimeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await consumer.StopAsync(shutdownTimeout.Token);
        var stats = await SettledStatsAsync(consumer);
        await consumer.DisposeAsync();

        Assert.Equal(1, classifier.Attempts("HANG forever"));
        Assert.Equal(new ConsumerStats(0, 0, 0, 1, 0), stats);
        for (var i = 0; i < 40 && await broker.CountAsync(broker.Options.RequestQueueName) == 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(1u, await broker.CountAsync(broker.Options.RequestQueueName));
        Assert.Equal(0u, await broker.CountAsync(broker.Options.DeadLetterQueueName));
    }

    [BrokerFact]
    public async Task Result_the_broker_cannot_route_is_not_acked_as_success_but_retried_then_dead_lettered()
    {
        await using var broker = await BrokerScope.CreateAsync("noresults");
        var (consumer, classifier, real) = await StartAsync(broker, maxRedeliveries: 1);
        await using var _c = consumer;
        await using var _r = real;
        await using (var channel = await broker.Connection.CreateChannelAsync())
        {
            // After the consumer declared the topology, and published without RequestPublisher, which would declare it again.
            await channel.QueueDeleteAsync(broker.Options.ResultsQueueName);
            var body = MessageSerializer.Serialize(new ArticleRequest("homeless", "A claim whose result has nowhere to go."));
            await channel.BasicPublishAsync(string.Empty, broker.Options.RequestQueueName, mandatory: true, new BasicProperties { MessageId = "homeless" }, body);
        }

        var letter = Assert.Single(await broker.ReadDeadLettersAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Equal("homeless", letter.MessageId);
        Assert.StartsWith("retries_exhausted: failed on all 2 deliveries; last error PublishReturnException", Reason(letter), StringComparison.Ordinal);
        Assert.Equal(2, classifier.Attempts("A claim whose result has nowhere to go."));
        Assert.Equal(new ConsumerStats(0, 1, 1, 0, 0), await SettledStatsAsync(consumer));
    }
}

using FakeNews.Inference;
using FakeNews.Messaging;
using FakeNews.Messaging.RabbitMQ;
using FakeNews.Messaging.RabbitMQ.Tests.Infrastructure;
using FakeNews.Testing.Broker;
using Microsoft.Extensions.Logging.Abstractions;

namespace FakeNews.Messaging.RabbitMQ.Tests.Hostile;

/// <summary>Bodies that are valid JSON but not valid text are dead-lettered with a reason, never looped.</summary>
public sealed class PoisonTests
{
    [BrokerFact]
    public async Task Escaped_lone_surrogate_is_dead_lettered_with_a_reason_at_once()
    {
        await using var broker = await BrokerScope.CreateAsync("surrogate");
        await using var collector = await broker.CollectAsync();
        await using var real = await FakeNewsClassifier.CreateAsync(new ClassifierOptions { ModelDirectory = Paths.TinyModel, Device = ExecutionDevice.Cpu, IntraOpThreads = 1 });
        await using var consumer = new ClassificationConsumer(broker.Connection, real, broker.Options, prefetch: 4, NullLogger.Instance);
        await consumer.StartAsync();

        await broker.PublishRawAsync("{\"id\": \"lone\", \"text\": \"Says \\ud800 it grew.\"}"u8.ToArray(), "lone");
        await broker.PublishRawAsync("{\"id\": \"fine\", \"text\": \"A perfectly ordinary claim.\"}"u8.ToArray(), "fine");

        var letter = Assert.Single(await broker.ReadDeadLettersAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Equal("lone", letter.MessageId);
        Assert.StartsWith("malformed_json: ", AmqpHeaders.GetString(letter.Headers, MessageContract.ReasonHeader), StringComparison.Ordinal);
        Assert.True(await collector.WaitForAsync(n => n == 1, TimeSpan.FromSeconds(10)));
        Assert.Equal(0, consumer.Stats.Retried);
    }
}

using System.Text;
using System.Text.Json;
using FakeNews.Core.Classification;
using FakeNews.Inference;
using FakeNews.Messaging.RabbitMQ;
using FakeNews.Messaging.RabbitMQ.Tests.Infrastructure;
using FakeNews.Testing.Broker;
using Microsoft.Extensions.Logging.Abstractions;

namespace FakeNews.Messaging.RabbitMQ.Tests;

/// <summary>The consumer in-process against the real broker and the tiny model, with <c>explain</c> requests.</summary>
public sealed class ExplainConsumerTests
{
    [BrokerFact]
    public async Task A_request_with_explain_is_answered_with_the_classifiers_attributions_and_one_without_gets_none()
    {
        const string text = "Café owners say the 40% tax hike — «énorme» — passed in secret! 🔥";
        await using var broker = await BrokerScope.CreateAsync("explain");
        await using var collector = await broker.CollectAsync();
        await using var classifier = await FakeNewsClassifier.CreateAsync(new ClassifierOptions { ModelDirectory = Paths.TinyModel, Device = ExecutionDevice.Cpu, IntraOpThreads = 1 });
        await using var consumer = new ClassificationConsumer(broker.Connection, classifier, broker.Options, prefetch: 4, NullLogger.Instance);
        await consumer.StartAsync();
        var expected = await classifier.ExplainAsync(new ClassificationRequest(text, "Tax news"));

        await broker.PublishRawAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { id = "explained", text, title = "Tax news", explain = true })), "explained");
        await broker.PublishRawAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { id = "plain", text })), "plain");

        Assert.True(await collector.WaitForAsync(n => n == 2, TimeSpan.FromSeconds(20)));
        Assert.Null(collector.Results["plain"].Attributions);
        var explained = collector.Results["explained"];
        Assert.Equal("word", explained.Granularity);
        Assert.Equal(
            expected.Attributions.Select(a => (a.Source, a.Start, a.End, a.Text)),
            explained.Attributions!.Select(a => (a.Source, a.Start, a.End, a.Text)));
        Assert.Equal(expected.Attributions.Select(a => a.Weight), explained.Attributions!.Select(a => a.Weight), (x, y) => Math.Abs(x - y) < 1e-5f);
        Assert.All(explained.Attributions!.Where(a => a.Source == "text"), a => Assert.Equal(a.Text, text[a.Start..a.End]));
    }
}

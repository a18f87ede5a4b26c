using System.Net.Http;
using System.Text.RegularExpressions;
using FakeNews.Testing.Broker;

namespace FakeNews.Worker.Tests;

public sealed partial class EndToEndTests(ITestOutputHelper output)
{
    [BrokerFact]
    public async Task Two_worker_processes_answer_every_one_of_2000_requests()
    {
        await using var broker = await BrokerScope.CreateAsync("e2e");
        var ids = await broker.EnqueueAsync(2000);
        await using var collector = await broker.CollectAsync();

        await using var first = WorkerProcess.Start("A", broker.WorkerArgs("--Worker:HealthPort=0"), output);
        await using var second = WorkerProcess.Start("B", broker.WorkerArgs(), output);

        Assert.True(await collector.WaitForAsync(n => n == ids.Count, TimeSpan.FromSeconds(90)), $"only {collector.Results.Count} of {ids.Count} answered");
        Assert.Equal(ids.OrderBy(i => i), collector.Results.Keys.OrderBy(i => i));
        Assert.All(collector.Results.Values, r =>
        {
            Assert.Contains(r.Label, new[] { "fake", "real" });
            Assert.InRange(r.PFake, 0f, 1f);
            Assert.Equal("tiny-distilbert", r.Model);
            Assert.Equal("1.0.0", r.ModelVersion);
        });
        Assert.All(collector.Properties, p => Assert.Equal((p.Key, p.Key), (p.Value.MessageId, p.Value.CorrelationId)));

        // Both processes took part: each logged its consumer, and the health probe of A reports both checks healthy.
        Assert.True(await first.WaitForLogAsync("Consuming", TimeSpan.FromSeconds(5)));
        Assert.True(await second.WaitForLogAsync("Consuming", TimeSpan.FromSeconds(5)));
        var port = ProbePort().Match(first.Log);
        Assert.True(port.Success, "the health probe port was not logged");
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port.Groups[1].Value}/healthz"));
        var health = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, health);
        Assert.Contains("\"model\":{\"status\":\"Healthy\"", health, StringComparison.Ordinal);
        Assert.Contains("\"broker\":{\"status\":\"Healthy\",\"description\":\"consuming\"", health, StringComparison.Ordinal);
        Assert.Equal(0u, await broker.CountAsync(broker.Options.DeadLetterQueueName));
    }

    [GeneratedRegex(@"Health probe listening on http://127\.0\.0\.1:(\d+)/healthz")]
    private static partial Regex ProbePort();
}

using FakeNews.Testing.Broker;
using FakeNews.Worker.Tests.Infrastructure;

namespace FakeNews.Worker.Tests;

public sealed class ResilienceTests(ITestOutputHelper output)
{
    /// <summary>
    /// One message at a time (each waits for its publisher confirm before the next is delivered) slows the tiny model
    /// down enough that the interruption lands mid-run even on an idle machine, where batches of 32 finish 2,000
    /// requests in about a second.
    /// </summary>
    private static readonly string[] Slower = ["--RabbitMQ:Prefetch=1", "--Classifier:MaxBatchSize=1"];

    /// <summary>Requests still waiting in the queue; polled because a killed consumer's deliveries return asynchronously.</summary>
    private static async Task<uint> WaitingAsync(BrokerScope broker)
    {
        uint waiting = 0;
        for (var i = 0; i < 40 && waiting == 0; i++)
        {
            waiting = await broker.CountAsync(broker.Options.RequestQueueName);
            if (waiting == 0)
            {
                await Task.Delay(50);
            }
        }

        return waiting;
    }

    [BrokerFact]
    public async Task Worker_killed_with_sigkill_mid_run_is_replaced_and_every_request_is_answered()
    {
        await using var broker = await BrokerScope.CreateAsync("sigkill");
        var ids = await broker.EnqueueAsync(2000);
        await using var collector = await broker.CollectAsync();

        await using (var doomed = WorkerProcess.Start("killed", broker.WorkerArgs(Slower), output))
        {
            Assert.True(await collector.WaitForAsync(n => n >= 20, TimeSpan.FromSeconds(60)), "the first worker answered nothing");
            doomed.Kill();
            Assert.NotNull(await doomed.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        }

        Assert.True(await WaitingAsync(broker) > 0, "the run finished before the kill; the test proves nothing");

        await using var replacement = WorkerProcess.Start("replacement", broker.WorkerArgs(), output);
        Assert.True(await collector.WaitForAsync(n => n == ids.Count, TimeSpan.FromSeconds(90)), $"only {collector.Results.Count} of {ids.Count} answered");
        Assert.Equal(ids.OrderBy(i => i), collector.Results.Keys.OrderBy(i => i));
        Assert.Equal(0u, await broker.CountAsync(broker.Options.DeadLetterQueueName));
    }

    [BrokerFact]
    public async Task Sigterm_stops_consuming_drains_in_flight_requests_and_exits_cleanly()
    {
        await using var broker = await BrokerScope.CreateAsync("sigterm");
        var ids = await broker.EnqueueAsync(2000);
        await using var collector = await broker.CollectAsync();

        await using (var stopping = WorkerProcess.Start("stopped", broker.WorkerArgs(Slower), output))
        {
            Assert.True(await collector.WaitForAsync(n => n >= 20, TimeSpan.FromSeconds(60)), "the worker answered nothing");
            stopping.Terminate();
            Assert.Equal(0, await stopping.WaitForExitAsync(TimeSpan.FromSeconds(20)));
            Assert.Contains("in-flight deliveries settled", stopping.Log, StringComparison.Ordinal);
            Assert.Contains("0 left for redelivery", stopping.Log, StringComparison.Ordinal);
        }

        Assert.True(await WaitingAsync(broker) > 0, "the run finished before the stop; the test proves nothing");
        await using var next = WorkerProcess.Start("next", broker.WorkerArgs(), output);
        Assert.True(await collector.WaitForAsync(n => n == ids.Count, TimeSpan.FromSeconds(90)), $"only {collector.Results.Count} of {ids.Count} answered");
        Assert.Equal(ids.OrderBy(i => i), collector.Results.Keys.OrderBy(i => i));
    }

    [ManagedBrokerFact]
    public async Task Worker_reconnects_after_a_broker_restart_and_finishes_the_run()
    {
        using var restartLock = await BrokerRestartLock.ExclusiveAsync();
        await using var broker = await BrokerScope.CreateAsync("restart");
        var ids = await broker.EnqueueAsync(2000);
        await using var collector = await broker.CollectAsync();
        await using var worker = WorkerProcess.Start("survivor", broker.WorkerArgs(Slower), output);

        Assert.True(await collector.WaitForAsync(n => n >= 20, TimeSpan.FromSeconds(60)), "the worker answered nothing");
        Assert.True(await broker.CountAsync(broker.Options.RequestQueueName) > 0, "the run finished before the restart; the test proves nothing");
        var (code, text) = await ManagedBrokerFactAttribute.RunScriptAsync("restart");
        output.WriteLine(text);
        Assert.Equal(0, code);

        Assert.True(await collector.WaitForAsync(n => n == ids.Count, TimeSpan.FromSeconds(90)), $"only {collector.Results.Count} of {ids.Count} answered");
        Assert.Equal(ids.OrderBy(i => i), collector.Results.Keys.OrderBy(i => i));
        Assert.False(worker.HasExited, "the worker exited instead of reconnecting");
        Assert.Contains("Lost the RabbitMQ connection", worker.Log, StringComparison.Ordinal);
        Assert.Contains("RabbitMQ connection recovered", worker.Log, StringComparison.Ordinal);
    }
}

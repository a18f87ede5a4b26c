using System.Diagnostics;
using System.Globalization;
using FakeNews.Messaging;
using FakeNews.Messaging.RabbitMQ;
using FakeNews.Testing.Broker;
using Xunit.Abstractions;

namespace FakeNews.Benchmarks.Throughput;

/// <summary>
/// Messages per second through worker processes, one run per configuration: one worker with prefetch 1, one worker
/// with the default prefetch (four batches), two workers with the default prefetch. Runs only with FAKENEWS_BENCH=1;
/// FAKENEWS_BENCH_MODEL picks the model folder (default: the tiny fixture), FAKENEWS_BENCH_COUNT the request count
/// (default 3000 LIAR statements from ../shared/data/liar/train.tsv). The clock runs from the first result to the last,
/// so process start-up and model loading are excluded. Run: <c>make broker</c>, then <c>make bench-worker</c>.
/// </summary>
public sealed class WorkerThroughputBenchmarks(ITestOutputHelper output)
{
    [BenchmarkFact]
    public async Task Worker_throughput_by_prefetch_and_worker_count()
    {
        if (TestBroker.SkipReason is { } noBroker)
        {
            output.WriteLine("skipped: " + noBroker);
            return;
        }

        var model = Environment.GetEnvironmentVariable("FAKENEWS_BENCH_MODEL") is { Length: > 0 } m ? Path.GetFullPath(m, Paths.RepoRoot) : Paths.TinyModel;
        var count = int.Parse(Environment.GetEnvironmentVariable("FAKENEWS_BENCH_COUNT") ?? "3000", CultureInfo.InvariantCulture);
        var statements = LiarStatements(count);
        var lines = new List<string> { $"model {Path.GetFileName(model)}, {count} LIAR statements, {Environment.ProcessorCount} cores" };
        foreach (var (workers, prefetch) in new[] { (1, 1), (1, 0), (2, 0) })
        {
            var (rate, seconds, meanLatency, batches) = await RunAsync(model, statements, workers, prefetch);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"workers={workers} prefetch={(prefetch == 0 ? "default (128)" : prefetch)}: {rate:F1} messages/s ({statements.Count} in {seconds:F2} s, mean latency {meanLatency:F1} ms, mean batch {batches})");
            lines.Add(line);
            output.WriteLine(line);
        }

        var report = Path.Combine(Paths.RepoRoot, "artifacts", "bench", "worker-throughput.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(report)!);
        await File.WriteAllLinesAsync(report, lines);
    }

    private async Task<(double Rate, double Seconds, double MeanLatencyMs, string MeanBatch)> RunAsync(string model, List<string> statements, int workers, int prefetch)
    {
        await using var broker = await BrokerScope.CreateAsync($"bench{workers}p{prefetch}");
        await using (var publisher = await RequestPublisher.CreateAsync(broker.Connection, broker.Options))
        {
            var pending = new List<Task>();
            for (var i = 0; i < statements.Count; i++)
            {
                pending.Add(publisher.PublishAsync(new ArticleRequest($"s{i}", statements[i])));
            }

            await Task.WhenAll(pending);
        }

        await using var collector = await broker.CollectAsync();
        var processes = new List<WorkerProcess>();
        try
        {
            for (var w = 0; w < workers; w++)
            {
                processes.Add(WorkerProcess.Start($"bench-{w}", broker.WorkerArgs(
                    $"--Classifier:ModelDirectory={model}", "--Classifier:IntraOpThreads=0", $"--RabbitMQ:Prefetch={prefetch}", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:FakeNews.Worker.QueueWorker=Information"), output));
            }

            Assert.True(await collector.WaitForAsync(n => n >= 1, TimeSpan.FromSeconds(120)), "no result");
            var clock = Stopwatch.StartNew();
            Assert.True(await collector.WaitForAsync(n => n == statements.Count, TimeSpan.FromSeconds(600)), $"only {collector.Results.Count} answered");
            var seconds = clock.Elapsed.TotalSeconds;

            // A graceful stop makes each worker log its batcher statistics.
            var batches = new List<string>();
            foreach (var process in processes)
            {
                process.Terminate();
                await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
                var match = System.Text.RegularExpressions.Regex.Match(process.Log, @"windows in \d+ batches \(mean ([\d.]+)\)");
                batches.Add(match.Success ? match.Groups[1].Value : "?");
            }

            return ((statements.Count - 1) / seconds, seconds, collector.Results.Values.Average(r => r.LatencyMs), string.Join(" / ", batches));
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }
        }
    }

    private static List<string> LiarStatements(int count)
    {
        var path = Path.Combine(Paths.RepoRoot, "..", "shared", "data", "liar", "train.tsv");
        return File.ReadLines(path).Select(l => l.Split('\t')).Where(c => c.Length > 2 && c[2].Trim().Length > 0).Select(c => c[2]).Take(count).ToList();
    }
}

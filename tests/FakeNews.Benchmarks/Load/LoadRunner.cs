using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace FakeNews.Benchmarks.Load;

/// <summary>Closed-loop load: <c>concurrency</c> workers each send one request at a time until the count or time bound.</summary>
internal static class LoadRunner
{
    public static async Task<LevelResult> RunAsync(ApiServer server, string mode, int concurrency, IReadOnlyList<string> texts, LoadTestOptions options)
    {
        // Warm-up at this concurrency (connections, JIT, thread pool), not measured.
        await DriveAsync(server.Client, concurrency, Math.Min(options.Requests, concurrency * 4), TimeSpan.FromSeconds(options.Seconds), texts, offset: 7919);

        var before = server.Holder.Get().Stats;
        var started = Stopwatch.GetTimestamp();
        var (latencies, errors) = await DriveAsync(server.Client, concurrency, options.Requests, TimeSpan.FromSeconds(options.Seconds), texts, offset: 0);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var after = server.Holder.Get().Stats;

        latencies.Sort();
        var batches = after.Batches - before.Batches;
        return new LevelResult(
            mode,
            concurrency,
            latencies.Count,
            errors,
            Math.Round(elapsed, 2),
            Math.Round(latencies.Count / elapsed, 1),
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.95),
            Percentile(latencies, 0.99),
            batches == 0 ? 0 : Math.Round((double)(after.Items - before.Items) / batches, 2));
    }

    private static async Task<(List<double> Latencies, int Errors)> DriveAsync(
        HttpClient client, int concurrency, int count, TimeSpan limit, IReadOnlyList<string> texts, int offset)
    {
        var next = -1;
        var errors = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        var perWorker = new List<double>[concurrency];
        var workers = Enumerable.Range(0, concurrency).Select(async w =>
        {
            var mine = perWorker[w] = [];
            int i;
            while ((i = Interlocked.Increment(ref next)) < count && Stopwatch.GetTimestamp() < deadline)
            {
                var sent = Stopwatch.GetTimestamp();
                using var response = await client.PostAsJsonAsync("/v1/classify", new { text = texts[(i + offset) % texts.Count] });
                await response.Content.ReadAsByteArrayAsync();
                if (response.IsSuccessStatusCode)
                {
                    mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        });
        await Task.WhenAll(workers);
        return (perWorker.SelectMany(l => l).ToList(), errors);
    }

    /// <summary>Nearest-rank percentile of sorted values, in ms rounded to 0.01.</summary>
    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)], 2);
}

/// <summary>One mode x concurrency measurement.</summary>
internal sealed record LevelResult(
    string Mode,
    int Concurrency,
    int Requests,
    int Errors,
    double Seconds,
    [property: JsonPropertyName("requests_per_second")] double RequestsPerSecond,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double MeanBatchSize)
{
    public string ToLine() =>
        $"  c={Concurrency,-3} {Requests,5} ok {Errors} err in {Seconds,6:F2}s  {RequestsPerSecond,8:F1} req/s  p50 {P50Ms,8:F2}  p95 {P95Ms,8:F2}  p99 {P99Ms,8:F2} ms  mean batch {MeanBatchSize:F2}";

    public static string MarkdownTable(IEnumerable<LevelResult> rows) =>
        "| mode | concurrency | requests | errors | req/s | p50 ms | p95 ms | p99 ms | mean batch |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n" +
        string.Join("\n", rows.Select(r => $"| {r.Mode} | {r.Concurrency} | {r.Requests} | {r.Errors} | {r.RequestsPerSecond:F1} | {r.P50Ms:F2} | {r.P95Ms:F2} | {r.P99Ms:F2} | {r.MeanBatchSize:F2} |"));
}

using System.Diagnostics;
using FakeNews.Core.Batching;
using FakeNews.Core.Classification;
using FakeNews.Inference;

namespace FakeNews.Cli.Bench;

/// <summary>What one closed-loop run measured: requests completed inside the measured window and their latencies.</summary>
/// <param name="Items">Requests that completed inside the window (also those that started before it).</param>
/// <param name="Seconds">The window's length.</param>
/// <param name="LatenciesMs">The latency (call to result) of each request wholly inside the window, sorted ascending.</param>
/// <param name="Stats">The batcher's counters over the window.</param>
internal sealed record LoadResult(long Items, double Seconds, double[] LatenciesMs, BatcherStats Stats)
{
    /// <summary>Completed requests per second.</summary>
    public double ItemsPerSecond => Items / Seconds;

    /// <summary>The nearest-rank percentile of the latencies; 0 when there are none.</summary>
    public double Percentile(double p) =>
        LatenciesMs.Length == 0 ? 0 : LatenciesMs[Math.Clamp((int)Math.Ceiling(p / 100 * LatenciesMs.Length) - 1, 0, LatenciesMs.Length - 1)];
}

/// <summary>
/// A closed-loop load generator: <c>concurrency</c> callers each send the next text as soon as their previous one
/// returns, first for a warm-up, then for the measured window. Only requests that complete inside the window count.
/// </summary>
internal static class LoadGenerator
{
    public static async Task<LoadResult> RunAsync(
        FakeNewsClassifier classifier, IReadOnlyList<string> texts, int concurrency, TimeSpan warmUp, TimeSpan duration,
        Action<bool>? measuring, CancellationToken cancellationToken)
    {
        var next = -1L;
        var windowStart = long.MaxValue;
        var windowEnd = long.MaxValue;
        var stop = 0;
        var completed = 0L;
        var perCaller = new List<double>[concurrency];

        async Task CallerAsync(int caller)
        {
            var latencies = perCaller[caller] = new List<double>(1024);
            while (Volatile.Read(ref stop) == 0 && !cancellationToken.IsCancellationRequested)
            {
                var index = (int)(Interlocked.Increment(ref next) % texts.Count);
                var started = Stopwatch.GetTimestamp();
                await classifier.ClassifyAsync(new ClassificationRequest(texts[index]), cancellationToken).ConfigureAwait(false);
                var ended = Stopwatch.GetTimestamp();
                if (ended >= Volatile.Read(ref windowStart) && ended <= Volatile.Read(ref windowEnd))
                {
                    Interlocked.Increment(ref completed);
                }

                if (started >= Volatile.Read(ref windowStart) && ended <= Volatile.Read(ref windowEnd))
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds);
                }
            }
        }

        var callers = Enumerable.Range(0, concurrency).Select(i => Task.Run(() => CallerAsync(i), cancellationToken)).ToArray();
        await Task.Delay(warmUp, cancellationToken).ConfigureAwait(false);

        var before = classifier.Stats;
        measuring?.Invoke(true);
        var start = Stopwatch.GetTimestamp();
        Volatile.Write(ref windowStart, start);
        await Task.Delay(duration, cancellationToken).ConfigureAwait(false);
        var end = Stopwatch.GetTimestamp();
        Volatile.Write(ref windowEnd, end);
        measuring?.Invoke(false);
        var after = classifier.Stats;
        Volatile.Write(ref stop, 1);
        await Task.WhenAll(callers).ConfigureAwait(false);

        var latencies = perCaller.SelectMany(l => l).Order().ToArray();
        var stats = new BatcherStats(
            after.Items - before.Items, after.Batches - before.Batches, after.PaddedTokens - before.PaddedTokens, after.RealTokens - before.RealTokens);
        return new LoadResult(Interlocked.Read(ref completed), Stopwatch.GetElapsedTime(start, end).TotalSeconds, latencies, stats);
    }
}

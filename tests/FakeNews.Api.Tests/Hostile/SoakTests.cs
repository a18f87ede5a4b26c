using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace FakeNews.Api.Tests.Hostile;

/// <summary>
/// The API on Kestrel at 127.0.0.1 with the default model and a small batcher queue, driven by more concurrent clients
/// than the queue holds, for a bounded number of requests and a bounded time. It measures the process (its heap, and
/// every meter named FakeNews.Api), so it runs alone, after the tests that run in parallel.
/// </summary>
[Collection(nameof(SoakTests))]
public sealed class SoakTests(ITestOutputHelper output)
{
    private const int Clients = 32;
    private const int QueueCapacity = 8;
    private static readonly TimeSpan PhaseLimit = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Above_capacity_the_API_answers_every_request_with_a_verdict_or_a_429_with_Retry_After_and_its_memory_stays_flat()
    {
        var model = Path.Combine(Repo.Root, "models", "minilm-news-v2");
        using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Classifier:ModelDirectory"] = model,
            ["Classifier:QueueCapacity"] = QueueCapacity.ToString(CultureInfo.InvariantCulture),
            ["Classifier:MaxWindows"] = QueueCapacity.ToString(CultureInfo.InvariantCulture),
            ["Classifier:MaxBatchSize"] = "4",
            ["Api:RateLimit:PermitLimit"] = "0", // the batcher's admission is under test, not the per-address limit
            ["Logging:LogLevel:Default"] = "Warning",
        });
        factory.UseKestrel();
        factory.StartServer();
        using var client = await factory.CreateReadyClientAsync();
        Assert.StartsWith("http://127.0.0.1:", client.BaseAddress!.ToString(), StringComparison.Ordinal);
        var article = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "samples", "articles", "moon-base-leak.txt"));
        var bodies = new[]
        {
            JsonSerializer.Serialize(new { text = "Says the state cut school funding by a third since 2010." }),
            JsonSerializer.Serialize(new { text = article, title = "Leaked memo" }),
            JsonSerializer.Serialize(new { text = "Scientists confirm the new bridge opened on schedule" }),
        };

        var warmUp = await RunPhaseAsync(client, bodies, requests: 300);
        var heapBefore = ManagedHeapAfterFullCollection();
        var first = await RunPhaseAsync(client, bodies, requests: 1500);
        var heapMiddle = ManagedHeapAfterFullCollection();
        var second = await RunPhaseAsync(client, bodies, requests: 1500);
        var heapAfter = ManagedHeapAfterFullCollection();
        var all = new[] { warmUp, first, second };
        foreach (var (phase, k) in all.Select((p, k) => (p, k)))
        {
            output.WriteLine($"phase {k}: {phase.Ok} verdicts, {phase.Refused} x 429, {phase.Failures.Count} failures in {phase.Elapsed.TotalSeconds:F1} s");
        }

        output.WriteLine($"managed heap after full collection: {heapBefore / 1024} KiB, {heapMiddle / 1024} KiB, {heapAfter / 1024} KiB");

        Assert.All(all, phase => Assert.Empty(phase.Failures));
        Assert.True(all.Sum(p => p.Refused) > 0, "clients above capacity should have met a full queue at least once");
        Assert.True(all.Sum(p => p.Ok) > 0);
        // Flat: the second phase keeps no more than the first did; a per-request leak grows both.
        const long slack = 4 * 1024 * 1024;
        Assert.True(heapAfter - heapMiddle <= Math.Max(heapMiddle - heapBefore, 0) + slack, $"heap grew {heapMiddle - heapBefore} B then {heapAfter - heapMiddle} B");

        // Every accepted request was answered, and nothing is left waiting.
        await Task.Delay(400); // the exporter may serve a scrape cached for a few hundred milliseconds
        var metrics = await client.GetStringAsync("/metrics");
        Assert.Matches("fakenews_queue_depth\\{[^}]*\\} 0", metrics);
        var verdicts = Regex.Matches(metrics, "fakenews_predictions_total\\{[^}]*\\} (\\d+)")
            .Sum(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Equal(all.Sum(p => p.Ok), verdicts);
    }

    private static async Task<Phase> RunPhaseAsync(HttpClient client, string[] bodies, int requests)
    {
        var failures = new ConcurrentBag<string>();
        var ok = 0;
        var refused = 0;
        var next = -1;
        using var deadline = new CancellationTokenSource(PhaseLimit);
        var started = DateTime.UtcNow;
        var workers = Enumerable.Range(0, Clients).Select(async _ =>
        {
            int k;
            while ((k = Interlocked.Increment(ref next)) < requests && !deadline.IsCancellationRequested)
            {
                using var content = new StringContent(bodies[k % bodies.Length], Encoding.UTF8, "application/json");
                try
                {
                    using var response = await client.PostAsync("/v1/classify", content, deadline.Token);
                    var body = await response.Content.ReadAsStringAsync(deadline.Token);
                    switch (response.StatusCode)
                    {
                        case HttpStatusCode.OK when IsVerdict(body):
                            Interlocked.Increment(ref ok);
                            break;
                        case HttpStatusCode.TooManyRequests when HasRetryAfter(response):
                            Interlocked.Increment(ref refused);
                            // A short pause instead of the whole Retry-After keeps the offered load above capacity.
                            await Task.Delay(Random.Shared.Next(5, 30), deadline.Token);
                            break;
                        default:
                            failures.Add($"request {k}: {(int)response.StatusCode} {body}");
                            break;
                    }
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested)
                {
                    failures.Add($"request {k}: no answer within the phase's {PhaseLimit.TotalSeconds} s");
                }
            }
        });
        await Task.WhenAll(workers);
        return new Phase(ok, refused, failures.ToList(), DateTime.UtcNow - started);
    }

    private static bool IsVerdict(string body)
    {
        using var json = JsonDocument.Parse(body);
        var probability = json.RootElement.GetProperty("p_fake").GetDouble();
        return json.RootElement.GetProperty("label").GetString() is "real" or "fake" && probability is >= 0 and <= 1;
    }

    private static bool HasRetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 };

    private static long ManagedHeapAfterFullCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private sealed record Phase(int Ok, int Refused, IReadOnlyList<string> Failures, TimeSpan Elapsed);
}

/// <summary>The soak test's own collection, run with nothing beside it.</summary>
[CollectionDefinition(nameof(SoakTests), DisableParallelization = true)]
public sealed class SoakRunsAlone;

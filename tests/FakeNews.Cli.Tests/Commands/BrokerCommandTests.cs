using System.Text.Json;
using FakeNews.Testing.Broker;
using Xunit.Abstractions;

namespace FakeNews.Cli.Tests.Commands;

/// <summary><c>fakenews enqueue</c> and <c>fakenews collect</c> against the real broker and a worker process.</summary>
public sealed class BrokerCommandTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fakenews-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<(int Code, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await Cli.RunAsync(args, new StringReader(""), stdout, stderr);
        output.WriteLine($"fakenews {string.Join(' ', args)} -> {code}\n{stderr}");
        return (code, stderr.ToString());
    }

    [BrokerFact]
    public async Task Enqueued_folder_is_answered_by_a_worker_and_collected_into_jsonl()
    {
        await using var broker = await BrokerScope.CreateAsync("cli");
        var inputs = Path.Combine(_folder, "in");
        Directory.CreateDirectory(inputs);
        await File.WriteAllTextAsync(Path.Combine(inputs, "a.txt"), "The mayor said the bridge will open next year.");
        await File.WriteAllTextAsync(Path.Combine(inputs, "b.md"), "# Budget\n\nTaxes rose by 4 percent.");
        await File.WriteAllTextAsync(Path.Combine(inputs, "claims.jsonl"), "{\"id\": \"c1\", \"text\": \"One.\", \"speaker\": \"x\"}\n{\"id\": \"c2\", \"text\": \"Two.\"}\n");
        await File.WriteAllTextAsync(Path.Combine(inputs, "empty.txt"), "   ");
        var brokerArgs = new[] { "--broker", broker.Options.Uri, "--prefix", broker.Options.Prefix };

        var (enqueued, enqueueLog) = await RunAsync(["enqueue", inputs, .. brokerArgs]);
        await using var worker = WorkerProcess.Start("cli", broker.WorkerArgs(), output);
        var results = Path.Combine(_folder, "results.jsonl");
        var (collected, _) = await RunAsync(["collect", "--out", results, "--count", "4", "--timeout", "60", .. brokerArgs]);

        Assert.Equal(3, enqueued); // empty.txt was not sent
        Assert.Contains("enqueued 4 requests", enqueueLog, StringComparison.Ordinal);
        Assert.Contains("not sent", enqueueLog, StringComparison.Ordinal);
        Assert.Equal(0, collected);
        var lines = await File.ReadAllLinesAsync(results);
        var ids = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([$"{inputs}/a.txt", $"{inputs}/b.md", "c1", "c2"], ids);
        Assert.All(lines, l => Assert.Equal(1, JsonDocument.Parse(l).RootElement.GetProperty("schema_version").GetInt32()));
    }

    [BrokerFact]
    public async Task Collect_fails_when_fewer_results_than_count_arrive_and_reads_dead_letters_with_their_reason()
    {
        await using var broker = await BrokerScope.CreateAsync("clidlq");
        var brokerArgs = new[] { "--broker", broker.Options.Uri, "--prefix", broker.Options.Prefix };
        await broker.PublishRawAsync("not json"u8.ToArray(), "poison-1");
        await using (var worker = WorkerProcess.Start("clidlq", broker.WorkerArgs(), output))
        {
            Assert.True(await worker.WaitForLogAsync("Dead-lettered poison-1", TimeSpan.FromSeconds(30)));
        }

        var (missing, missingLog) = await RunAsync(["collect", "--out", Path.Combine(_folder, "none.jsonl"), "--count", "1", "--timeout", "1", .. brokerArgs]);
        var letters = Path.Combine(_folder, "dead.jsonl");
        var (dead, _) = await RunAsync(["collect", "--dead-letters", "--out", letters, "--count", "1", "--timeout", "10", .. brokerArgs]);

        Assert.Equal(1, missing);
        Assert.Contains("collected 0 of 1 results; none arrived for 1 s", missingLog, StringComparison.Ordinal);
        Assert.Equal(0, dead);
        var letter = JsonDocument.Parse(Assert.Single(await File.ReadAllLinesAsync(letters))).RootElement;
        Assert.Equal("poison-1", letter.GetProperty("id").GetString());
        Assert.StartsWith("malformed_json: ", letter.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("not json", letter.GetProperty("body").GetString());
    }

    [Fact]
    public async Task Unreachable_broker_is_a_one_line_error_with_exit_code_1()
    {
        var file = Path.Combine(_folder, "x.txt");
        await File.WriteAllTextAsync(file, "text");

        var (code, stderr) = await RunAsync("enqueue", file, "--broker", "amqp://guest:guest@127.0.0.1:1/");

        Assert.Equal(1, code);
        Assert.StartsWith("fakenews: error: cannot reach RabbitMQ at 127.0.0.1:1", stderr, StringComparison.Ordinal);
    }
}

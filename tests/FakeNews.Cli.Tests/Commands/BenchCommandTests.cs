using System.Text.Json;

namespace FakeNews.Cli.Tests.Commands;

public class BenchCommandTests
{
    private static readonly string[] RequiredFields =
        ["items_per_s", "p50_ms", "p95_ms", "p99_ms", "mean_batch", "padding_ratio", "unbatched_items_per_s", "raw_ort_items_per_s"];

    [Fact]
    public async Task Bench_json_reports_every_agreed_figure_from_a_real_run_of_the_tiny_model()
    {
        var data = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(data, ["Says the budget doubled.", "A much longer claim about the state tax rate and the jobs it cost the county last year.", "Short."]);
        try
        {
            var run = await CliRun.RunAsync(
                "bench", "--model", TestPaths.TinyModel, "--device", "cpu", "--data", data, "--duration", "1", "--warmup", "0",
                "--concurrency", "4", "--threads", "1", "--json");

            Assert.Equal(0, run.ExitCode);
            var root = JsonDocument.Parse(run.Stdout).RootElement;
            foreach (var field in RequiredFields)
            {
                Assert.True(root.GetProperty(field).GetDouble() > 0 || field == "padding_ratio", $"{field} is {root.GetProperty(field)}");
            }

            Assert.InRange(root.GetProperty("mean_batch").GetDouble(), 1, 4);
            Assert.InRange(root.GetProperty("padding_ratio").GetDouble(), 0, 0.99);
            Assert.True(root.GetProperty("p50_ms").GetDouble() <= root.GetProperty("p99_ms").GetDouble());
            Assert.Equal("fp32", root.GetProperty("precision").GetString());
            Assert.Equal(3, root.GetProperty("texts").GetInt32());
        }
        finally
        {
            File.Delete(data);
        }
    }

    [Fact]
    public async Task Bench_writes_the_bare_phase_s_optimized_graph_and_profiler_trace_when_asked()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"bench-diagnostics-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var run = await CliRun.RunAsync(
                "bench", "--model", TestPaths.TinyModel, "--device", "cpu", "--tokens", "16", "--duration", "1", "--warmup", "0",
                "--concurrency", "2", "--threads", "1", "--no-unbatched", "--json",
                "--optimized-graph", Path.Combine(folder, "optimized.onnx"), "--ort-profile", Path.Combine(folder, "trace"));

            Assert.Equal(0, run.ExitCode);
            Assert.True(new FileInfo(Path.Combine(folder, "optimized.onnx")).Length > 1000);
            var trace = Assert.Single(Directory.GetFiles(folder, "trace_*.json"));
            Assert.Contains(trace, run.Stderr);
            var events = JsonDocument.Parse(await File.ReadAllTextAsync(trace)).RootElement.EnumerateArray().ToList();
            // The warm-up batch and at least one timed batch, each with its nodes' kernel times.
            Assert.True(events.Count(e => e.TryGetProperty("name", out var name) && name.GetString() == "model_run") >= 2);
            Assert.Contains(events, e => e.TryGetProperty("cat", out var cat) && cat.GetString() == "Node");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Bench_refuses_diagnostics_of_a_bare_phase_it_skips()
    {
        var run = await CliRun.RunAsync("bench", "--model", TestPaths.TinyModel, "--no-raw", "--optimized-graph", "x.onnx");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--no-raw", run.Stderr);
    }

    [Fact]
    public async Task Bench_refuses_data_and_synthetic_tokens_together()
    {
        var run = await CliRun.RunAsync("bench", "--model", TestPaths.TinyModel, "--data", "x.txt", "--tokens", "32");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--data or --tokens", run.Stderr);
    }

    [Fact]
    public async Task Synthetic_texts_have_exactly_the_asked_number_of_tokens()
    {
        var run = await CliRun.RunAsync(
            "bench", "--model", TestPaths.TinyModel, "--device", "cpu", "--tokens", "20", "--duration", "1", "--warmup", "0",
            "--concurrency", "2", "--threads", "1", "--no-unbatched", "--no-raw", "--json");

        Assert.Equal(0, run.ExitCode);
        var root = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.Equal(20, root.GetProperty("mean_tokens").GetDouble());
        Assert.Equal(0, root.GetProperty("padding_ratio").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("unbatched_items_per_s").ValueKind);
    }

    [Fact]
    public async Task A_padding_limit_of_zero_batches_only_equal_lengths_and_the_cpu_default_is_reported()
    {
        var data = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(data, ["Says the budget doubled.", "A much longer claim about the state tax rate and the jobs it cost the county last year.", "Short."]);
        try
        {
            string[] common = ["bench", "--model", TestPaths.TinyModel, "--device", "cpu", "--data", data, "--duration", "1", "--warmup", "0",
                "--concurrency", "6", "--threads", "1", "--no-unbatched", "--no-raw", "--json"];
            var strict = await CliRun.RunAsync([.. common, "--max-padding", "0"]);
            var byDefault = await CliRun.RunAsync(common);

            Assert.Equal(0, strict.ExitCode);
            var root = JsonDocument.Parse(strict.Stdout).RootElement;
            Assert.Equal(0, root.GetProperty("padding_ratio").GetDouble());
            Assert.Equal(0, root.GetProperty("max_added_padding").GetInt32());
            Assert.Equal(0, byDefault.ExitCode);
            Assert.Equal(FakeNews.Inference.ClassifierOptions.CpuMaxAddedPadding, JsonDocument.Parse(byDefault.Stdout).RootElement.GetProperty("max_added_padding").GetInt32());
        }
        finally
        {
            File.Delete(data);
        }
    }
}

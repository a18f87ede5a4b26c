using System.Text.Json;

namespace FakeNews.Benchmarks.Load;

/// <summary>
/// The <c>load</c> subcommand: POST /v1/classify against the real API hosted in this process, batcher on and off,
/// at each concurrency level, bounded in requests and seconds per level; prints a table and writes JSON.
/// Usage: dotnet run --project tests/FakeNews.Benchmarks -c Release -- load [--model DIR] [--device cpu|cuda|auto]
///        [--concurrency 1,8,64] [--requests 2000] [--seconds 20] [--intra-op-threads 0] [--out runs/loadtest/result.json]
/// </summary>
internal static class LoadTest
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args)
    {
        var options = LoadTestOptions.Parse(args);
        var texts = Claims.Load(options.RepoRoot);
        Console.WriteLine($"model {options.ModelDirectory}; device {options.Device}; {texts.Count} claims; per level at most {options.Requests} requests or {options.Seconds} s");

        var modes = new (string Name, int MaxBatchSize)[] { ("batcher on (MaxBatchSize 32)", 32), ("batcher off (MaxBatchSize 1)", 1) };
        var rows = new List<LevelResult>();
        foreach (var (name, maxBatchSize) in modes)
        {
            await using var server = await ApiServer.StartAsync(options, maxBatchSize);
            Console.WriteLine($"{name}: API on {server.BaseAddress}, model {server.ModelId} on {server.Provider}");
            foreach (var concurrency in options.Concurrency)
            {
                var row = await LoadRunner.RunAsync(server, name, concurrency, texts, options);
                rows.Add(row);
                Console.WriteLine(row.ToLine());
            }
        }

        Console.WriteLine();
        Console.WriteLine(LevelResult.MarkdownTable(rows));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.OutPath))!);
        await File.WriteAllTextAsync(options.OutPath, JsonSerializer.Serialize(new { options = options.Describe(), results = rows }, Indented));
        Console.WriteLine($"wrote {options.OutPath}");
        return 0;
    }
}

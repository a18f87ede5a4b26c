using FakeNews.Core.Models;

namespace FakeNews.Benchmarks.Load;

/// <summary>Command-line settings; every run is bounded by <see cref="Requests"/> and <see cref="Seconds"/> per level.</summary>
internal sealed record LoadTestOptions(
    string RepoRoot, string ModelDirectory, string Device, IReadOnlyList<int> Concurrency, int Requests, int Seconds, string OutPath, int IntraOpThreads)
{
    public static LoadTestOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        var root = FakeNews.Testing.RepositoryRoot.Find(Directory.GetCurrentDirectory(), AppContext.BaseDirectory);
        var model = Value("--model") ?? DefaultModel(root);
        var concurrency = (Value("--concurrency") ?? "1,8,64").Split(',').Select(int.Parse).ToList();
        var requests = int.Parse(Value("--requests") ?? "2000");
        var seconds = int.Parse(Value("--seconds") ?? "20");
        if (concurrency.Any(c => c is < 1 or > 512) || requests is < 1 or > 100_000 || seconds is < 1 or > 300)
        {
            throw new ArgumentException("--concurrency must be 1..512 each, --requests 1..100000, --seconds 1..300.");
        }

        return new LoadTestOptions(root, Path.GetFullPath(model), Value("--device") ?? "auto", concurrency, requests, seconds,
            Value("--out") ?? Path.Combine(root, "runs", "loadtest", "result.json"), int.Parse(Value("--intra-op-threads") ?? "0"));
    }

    public object Describe() => new { model = ModelDirectory, device = Device, concurrency = Concurrency, requests = Requests, seconds = Seconds, intra_op_threads = IntraOpThreads };

    /// <summary>The default model when it has landed, else the tiny fixture (said in the output).</summary>
    private static string DefaultModel(string root)
    {
        var real = Path.Combine(root, ModelFolder.DefaultRelativePath);
        return File.Exists(Path.Combine(real, ModelFolder.OnnxFileName)) ? real : Path.Combine(root, "tests", "fixtures", "tiny-distilbert");
    }
}

/// <summary>The request texts: LIAR validation statements (real claim lengths), else the sample claims.</summary>
internal static class Claims
{
    public static IReadOnlyList<string> Load(string root)
    {
        var liar = Path.Combine(root, "..", "shared", "data", "liar", "valid.tsv");
        if (File.Exists(liar))
        {
            return File.ReadLines(liar).Select(line => line.Split('\t')).Where(f => f.Length > 2 && f[2].Length > 0).Select(f => f[2]).ToList();
        }

        return File.ReadLines(Path.Combine(root, "samples", "claims.csv")).Skip(1).Select(line => line.Split('"')[1]).ToList();
    }
}

using FakeNews.Core.Tokenization;

namespace FakeNews.Benchmarks;

/// <summary>Inputs shared by the benchmarks, read from the repository and ../shared/data.</summary>
internal static class BenchmarkData
{
    private static readonly Lazy<string> s_root = new(() => FakeNews.Testing.RepositoryRoot.Find(Directory.GetCurrentDirectory(), AppContext.BaseDirectory));

    public static string Root => s_root.Value;

    public static string MiniLmVocab
    {
        get
        {
            var path = Path.Combine(Root, "artifacts", "pretrained", "all-MiniLM-L6-v2", "vocab.txt");
            return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: run `make pretrained`.", path);
        }
    }

    /// <summary>The model folder for inference benchmarks: FAKENEWS_BENCH_MODEL (absolute, or relative to the repository root), else models/minilm-news-v2, else artifacts/bench/minilm-random-head.</summary>
    public static string InferenceModel
    {
        get
        {
            // Relative to the repository root: BenchmarkDotNet runs each benchmark in a child process elsewhere.
            if (Environment.GetEnvironmentVariable("FAKENEWS_BENCH_MODEL") is { Length: > 0 } chosen)
            {
                return Path.IsPathRooted(chosen) ? chosen : Path.Combine(Root, chosen);
            }

            var candidates = new[] { Path.Combine(Root, "models", "minilm-news-v2"), Path.Combine(Root, "artifacts", "bench", "minilm-random-head") };
            return candidates.FirstOrDefault(Directory.Exists)
                ?? throw new DirectoryNotFoundException($"No model for inference benchmarks: set FAKENEWS_BENCH_MODEL or create {candidates[1]} (see src/FakeNews.Inference/README.md).");
        }
    }

    /// <summary>The statements of LIAR's validation split (1,284 short claims).</summary>
    public static string[] LiarStatements() =>
        File.ReadAllText(Path.Combine(Root, "..", "shared", "data", "liar", "valid.tsv"))
            .Split('\n')
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length > 2)
            .Select(fields => fields[2])
            .ToArray();

    /// <summary>Total tokens (no special tokens) of <paramref name="texts"/>: the work one benchmark operation does.</summary>
    public static long CountTokens(BertWordPieceTokenizer tokenizer, IEnumerable<string> texts) =>
        texts.Sum(t => (long)tokenizer.TokenizeToIds(t).Length);
}

using System.Text.Json.Serialization;

namespace FakeNews.Cli.Bench;

/// <summary>The object <c>bench --json</c> prints: figures rounded to 4 decimals, null when not measured or not finite.</summary>
internal sealed record BenchJson
{
    public double? ItemsPerS { get; init; }

    [JsonPropertyName("p50_ms")]
    public double? P50Ms { get; init; }

    [JsonPropertyName("p95_ms")]
    public double? P95Ms { get; init; }

    [JsonPropertyName("p99_ms")]
    public double? P99Ms { get; init; }

    public double? MeanBatch { get; init; }

    public double? PaddingRatio { get; init; }

    public double? UnbatchedItemsPerS { get; init; }

    public double? RawOrtItemsPerS { get; init; }

    public double? PipelineSequencesPerS { get; init; }

    public double? PipelineVsRawOrt { get; init; }

    public double? BatchingSpeedup { get; init; }

    [JsonPropertyName("unbatched_fp32_items_per_s")]
    public double? UnbatchedFp32ItemsPerS { get; init; }

    [JsonPropertyName("speedup_vs_unbatched_fp32")]
    public double? SpeedupVsUnbatchedFp32 { get; init; }

    [JsonPropertyName("unbatched_p50_ms")]
    public double? UnbatchedP50Ms { get; init; }

    [JsonPropertyName("unbatched_p99_ms")]
    public double? UnbatchedP99Ms { get; init; }

    public double? TokensPerS { get; init; }

    public double? Gflops { get; init; }

    public double? FlopsPerToken { get; init; }

    public long Items { get; init; }

    public long Batches { get; init; }

    public double? Seconds { get; init; }

    public double? MeanTokens { get; init; }

    public int Texts { get; init; }

    public string? Data { get; init; }

    public int Concurrency { get; init; }

    public int MaxBatchSize { get; init; }

    public double? MaxAddedPadding { get; init; }

    public int IntraOpThreads { get; init; }

    public string? Model { get; init; }

    public string? ExecutionProvider { get; init; }

    public string? Precision { get; init; }

    public string? OnnxRuntimeVersion { get; init; }

    public int ProcessorCount { get; init; }

    public string? Os { get; init; }

    public double? LoadAverageBefore { get; init; }

    public double? LoadAverageAfter { get; init; }

    /// <summary>Rounds to 4 decimals; null for a missing or non-finite value.</summary>
    public static double? Figure(double? value) => value is { } v && double.IsFinite(v) ? Math.Round(v, 4) : null;
}

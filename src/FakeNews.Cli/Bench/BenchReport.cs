using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using FakeNews.Core.Classification;

namespace FakeNews.Cli.Bench;

/// <summary>The figures of one <c>fakenews bench</c> run, as text or as one JSON object.</summary>
internal sealed class BenchReport
{
    public required BenchSettings Settings { get; init; }

    public ModelInfo? Model { get; set; }

    /// <summary>The provider that loaded, whose defaults the pipeline ran with (CPU before a model is set).</summary>
    private string Provider => Model?.ExecutionProvider ?? "CPU";

    public double MeanTokens { get; set; }

    public LoadResult? Batched { get; set; }

    public RawResult? Raw { get; set; }

    public LoadResult? Unbatched { get; set; }

    public LoadResult? UnbatchedFp32 { get; set; }

    public double? LoadAverageBefore { get; init; }

    public double? LoadAverageAfter { get; set; }

    /// <summary>Sequences (windows) the pipeline ran per second; equals texts per second for one-window texts.</summary>
    public double PipelineSequencesPerSecond => Batched!.Stats.Items / Batched.Seconds;

    /// <summary>Pipeline throughput over raw ONNX Runtime throughput on the same batches, in sequences.</summary>
    public double? PipelineVsRaw => Raw is null ? null : PipelineSequencesPerSecond / Raw.ItemsPerSecond;

    public double? BatchingSpeedup => Unbatched is null ? null : Batched!.ItemsPerSecond / Unbatched.ItemsPerSecond;

    /// <summary>Batched throughput over unbatched fp32 throughput (the int8-and-batching gain); the same as <see cref="BatchingSpeedup"/> at fp32.</summary>
    public double? SpeedupVsUnbatchedFp32 => (UnbatchedFp32 ?? Unbatched) is { } baseline ? Batched!.ItemsPerSecond / baseline.ItemsPerSecond : null;

    /// <summary>Achieved GFLOP/s of the batched run: padded tokens computed x FLOPs per token / time.</summary>
    public double? Gflops(ModelFlops? flops) =>
        flops is null || Batched!.Stats.Batches == 0
            ? null
            : Batched.Stats.PaddedTokens * flops.PerToken(Batched.Stats.PaddedTokens / (double)Batched.Stats.Items) / Batched.Seconds / 1e9;

    public string ToJson(ModelFlops? flops)
    {
        var batched = Batched!;
        var padding = Settings.Options.EffectiveMaxAddedPadding(Provider);
        var report = new BenchJson
        {
            ItemsPerS = BenchJson.Figure(batched.ItemsPerSecond),
            P50Ms = BenchJson.Figure(batched.Percentile(50)),
            P95Ms = BenchJson.Figure(batched.Percentile(95)),
            P99Ms = BenchJson.Figure(batched.Percentile(99)),
            MeanBatch = BenchJson.Figure(batched.Stats.MeanBatchSize),
            PaddingRatio = BenchJson.Figure(batched.Stats.PaddingRatio),
            UnbatchedItemsPerS = BenchJson.Figure(Unbatched?.ItemsPerSecond),
            RawOrtItemsPerS = BenchJson.Figure(Raw?.ItemsPerSecond),
            PipelineSequencesPerS = BenchJson.Figure(PipelineSequencesPerSecond),
            PipelineVsRawOrt = BenchJson.Figure(PipelineVsRaw),
            BatchingSpeedup = BenchJson.Figure(BatchingSpeedup),
            UnbatchedFp32ItemsPerS = BenchJson.Figure((UnbatchedFp32 ?? (Model?.Precision == "fp32" ? Unbatched : null))?.ItemsPerSecond),
            SpeedupVsUnbatchedFp32 = BenchJson.Figure(SpeedupVsUnbatchedFp32),
            UnbatchedP50Ms = BenchJson.Figure(Unbatched?.Percentile(50)),
            UnbatchedP99Ms = BenchJson.Figure(Unbatched?.Percentile(99)),
            TokensPerS = BenchJson.Figure(batched.Stats.RealTokens / batched.Seconds),
            Gflops = BenchJson.Figure(Gflops(flops)),
            FlopsPerToken = BenchJson.Figure(flops?.PerToken(MeanTokens)),
            Items = batched.Items,
            Batches = batched.Stats.Batches,
            Seconds = BenchJson.Figure(batched.Seconds),
            MeanTokens = BenchJson.Figure(MeanTokens),
            Texts = Settings.Texts.Count,
            Data = Settings.DataLabel,
            Concurrency = Settings.Concurrency,
            MaxBatchSize = Settings.Options.EffectiveMaxBatchSize(Provider),
            MaxAddedPadding = BenchJson.Figure(padding == int.MaxValue ? null : padding),
            IntraOpThreads = Settings.Options.IntraOpThreads,
            Model = Model?.Id,
            ExecutionProvider = Model?.ExecutionProvider,
            Precision = Model?.Precision,
            OnnxRuntimeVersion = Model?.RuntimeVersion,
            ProcessorCount = Environment.ProcessorCount,
            Os = RuntimeInformation.OSDescription,
            LoadAverageBefore = BenchJson.Figure(LoadAverageBefore),
            LoadAverageAfter = BenchJson.Figure(LoadAverageAfter),
        };
        return JsonSerializer.Serialize(report, Output.CliJson.Indented.BenchJson);
    }

    public string ToText(ModelFlops? flops)
    {
        var b = Batched!;
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"model {Model?.Id} on {Model?.ExecutionProvider} ({Model?.Precision}), ONNX Runtime {Model?.RuntimeVersion}, {Environment.ProcessorCount} logical CPUs, load average {LoadAverageBefore:F2} -> {LoadAverageAfter:F2}");
        text.AppendLine(c, $"data {Settings.DataLabel}: {Settings.Texts.Count} texts, mean {MeanTokens:F1} tokens; {Settings.Concurrency} callers, {b.Seconds:F1} s measured");
        text.AppendLine(c, $"batched (max {Settings.Options.EffectiveMaxBatchSize(Provider)}):  {b.ItemsPerSecond,9:F1} items/s  p50 {b.Percentile(50):F1} ms  p95 {b.Percentile(95):F1} ms  p99 {b.Percentile(99):F1} ms  mean batch {b.Stats.MeanBatchSize:F1}  padding {b.Stats.PaddingRatio:P1}");
        if (Gflops(flops) is { } gflops)
        {
            text.AppendLine(c, $"achieved:             {gflops,9:F1} GFLOP/s ({flops!.PerToken(MeanTokens) / 1e6:F1} MFLOP per token)");
        }

        if (Raw is { } raw)
        {
            text.AppendLine(c, $"raw ONNX Runtime:     {raw.ItemsPerSecond,9:F1} items/s on the same {raw.Batches} batches; pipeline / raw = {PipelineVsRaw:P1}");
        }

        if (Unbatched is { } u)
        {
            text.AppendLine(c, $"unbatched ({Model?.Precision}):     {u.ItemsPerSecond,9:F1} items/s  p50 {u.Percentile(50):F1} ms  p99 {u.Percentile(99):F1} ms; batched / unbatched = {BatchingSpeedup:F2}x");
        }

        if (UnbatchedFp32 is { } f)
        {
            text.AppendLine(c, $"unbatched (fp32):     {f.ItemsPerSecond,9:F1} items/s  p50 {f.Percentile(50):F1} ms; batched {Model?.Precision} / unbatched fp32 = {SpeedupVsUnbatchedFp32:F2}x");
        }

        return text.ToString();
    }
}

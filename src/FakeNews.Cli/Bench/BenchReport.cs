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
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            Number(json, "items_per_s", batched.ItemsPerSecond);
            Number(json, "p50_ms", batched.Percentile(50));
            Number(json, "p95_ms", batched.Percentile(95));
            Number(json, "p99_ms", batched.Percentile(99));
            Number(json, "mean_batch", batched.Stats.MeanBatchSize);
            Number(json, "padding_ratio", batched.Stats.PaddingRatio);
            Number(json, "unbatched_items_per_s", Unbatched?.ItemsPerSecond);
            Number(json, "raw_ort_items_per_s", Raw?.ItemsPerSecond);
            Number(json, "pipeline_sequences_per_s", PipelineSequencesPerSecond);
            Number(json, "pipeline_vs_raw_ort", PipelineVsRaw);
            Number(json, "batching_speedup", BatchingSpeedup);
            Number(json, "unbatched_fp32_items_per_s", (UnbatchedFp32 ?? (Model?.Precision == "fp32" ? Unbatched : null))?.ItemsPerSecond);
            Number(json, "speedup_vs_unbatched_fp32", SpeedupVsUnbatchedFp32);
            Number(json, "unbatched_p50_ms", Unbatched?.Percentile(50));
            Number(json, "unbatched_p99_ms", Unbatched?.Percentile(99));
            Number(json, "tokens_per_s", batched.Stats.RealTokens / batched.Seconds);
            Number(json, "gflops", Gflops(flops));
            Number(json, "flops_per_token", flops?.PerToken(MeanTokens));
            json.WriteNumber("items", batched.Items);
            json.WriteNumber("batches", batched.Stats.Batches);
            Number(json, "seconds", batched.Seconds);
            Number(json, "mean_tokens", MeanTokens);
            json.WriteNumber("texts", Settings.Texts.Count);
            json.WriteString("data", Settings.DataLabel);
            json.WriteNumber("concurrency", Settings.Concurrency);
            json.WriteNumber("max_batch_size", Settings.Options.EffectiveMaxBatchSize(Provider));
            var padding = Settings.Options.EffectiveMaxAddedPadding(Provider);
            Number(json, "max_added_padding", padding == int.MaxValue ? null : padding);
            json.WriteNumber("intra_op_threads", Settings.Options.IntraOpThreads);
            json.WriteString("model", Model?.Id);
            json.WriteString("execution_provider", Model?.ExecutionProvider);
            json.WriteString("precision", Model?.Precision);
            json.WriteString("onnx_runtime_version", Model?.RuntimeVersion);
            json.WriteNumber("processor_count", Environment.ProcessorCount);
            json.WriteString("os", RuntimeInformation.OSDescription);
            Number(json, "load_average_before", LoadAverageBefore);
            Number(json, "load_average_after", LoadAverageAfter);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
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

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, Math.Round(v, 4));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}

using System.Text.Json.Serialization;
using FakeNews.Core.Classification;
using FakeNews.Core.Explanations;

namespace FakeNews.Cli.Output;

/// <summary>The object <c>predict --json</c> prints; probabilities rounded to 6 decimals, latency to 3.</summary>
internal sealed record PredictionJson(
    string Label,
    double PFake,
    IReadOnlyDictionary<string, double> Probabilities,
    int Tokens,
    int Chunks,
    IReadOnlyList<WindowJson> Windows,
    string Model,
    double LatencyMs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Threshold,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Granularity,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AttributionJson>? Attributions)
{
    /// <summary>The object for <paramref name="result"/>, with the explanation's units when given.</summary>
    public static PredictionJson From(ClassificationResult result, Explanation? explanation) => new(
        result.Label,
        Round(result.PFake),
        result.Probabilities.ToDictionary(p => p.Key, p => Round(p.Value)),
        result.Tokens,
        result.Chunks.Count,
        [.. result.Chunks.Select(w => new WindowJson(w.Index, w.StartToken, w.TokenCount, Round(w.PFake)))],
        result.Model,
        Math.Round(result.LatencyMs, 3),
        InputKinds.NameOrNull(result.Kind),
        result.Threshold is { } threshold ? Round(threshold) : null,
        explanation is null ? null : Explanation.GranularityName(explanation.Granularity),
        explanation is null ? null : AttributionJson.List(explanation.Attributions));

    internal static double Round(float p) => Math.Round((double)p, 6);
}

/// <summary>One token window's score.</summary>
internal sealed record WindowJson(int Index, int StartToken, int TokenCount, double PFake);

/// <summary>One explained unit; <c>field</c> only for metadata, the weight rounded to 6 decimals.</summary>
internal sealed record AttributionJson(
    string Source,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Field,
    int Start,
    int End,
    string Text,
    double Weight)
{
    /// <summary>The units in the given order.</summary>
    public static IReadOnlyList<AttributionJson> List(IEnumerable<Attribution> attributions) =>
        [.. attributions.Select(a => new AttributionJson(a.Source, a.Field, a.Start, a.End, a.Text, PredictionJson.Round(a.Weight)))];
}

/// <summary>The object <c>info --json</c> prints.</summary>
internal sealed record ModelInfoJson(
    string Name,
    string Version,
    string Id,
    IReadOnlyList<string> Labels,
    int MaxLength,
    IReadOnlyList<string> Inputs,
    string ExecutionProvider,
    string Precision,
    string OnnxRuntimeVersion,
    string Directory)
{
    /// <summary>The object for <paramref name="model"/>.</summary>
    public static ModelInfoJson From(ModelInfo model) => new(
        model.Name, model.Version, model.Id, model.Labels, model.MaxLength, model.Inputs, model.ExecutionProvider, model.Precision, model.RuntimeVersion, model.Directory);
}

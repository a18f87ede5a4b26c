using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using FakeNews.Core.Classification;
using FakeNews.Evaluation.Comparison;
using FakeNews.Evaluation.Explanations;
using FakeNews.Evaluation.Metrics;

namespace FakeNews.Evaluation.Reports;

/// <summary>
/// The eval and compare files' JSON shapes, serialized by generated code with snake_case names and non-ASCII text
/// kept readable: <see cref="Line"/> for JSONL rows, <see cref="Indented"/> for whole files.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(MetricsJson))]
[JsonSerializable(typeof(IReadOnlyList<SliceJson>))]
[JsonSerializable(typeof(ErrorsJson))]
[JsonSerializable(typeof(PredictionLineJson))]
[JsonSerializable(typeof(InfluenceJson))]
[JsonSerializable(typeof(ComparisonJson))]
[JsonSerializable(typeof(DisagreementJson))]
internal sealed partial class JsonOutput : JsonSerializerContext
{
    /// <summary>Compact: one JSONL row.</summary>
    public static JsonOutput Line { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Indented: a whole file.</summary>
    public static JsonOutput Indented { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    });

    /// <summary>The value, or null when it is missing or not finite (an undefined metric).</summary>
    public static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    /// <summary>An interval as <c>[lower, upper]</c>, or null.</summary>
    public static IReadOnlyList<double>? Pair(Interval? interval) => interval is null ? null : [interval.Lower, interval.Upper];

    /// <summary>The non-blank metadata fields as an object in rendering order, or null without metadata.</summary>
    public static IReadOnlyDictionary<string, string>? Metadata(ArticleMetadata? metadata) =>
        metadata is null ? null : MetadataFields(metadata).ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal);

    /// <summary>The non-blank metadata fields in rendering order.</summary>
    public static IEnumerable<(string Name, string Value)> MetadataFields(ArticleMetadata metadata)
    {
        (string, string?)[] fields =
        [
            ("speaker", metadata.Speaker), ("job", metadata.Job), ("party", metadata.Party),
            ("state", metadata.State), ("subject", metadata.Subject), ("context", metadata.Context),
        ];
        return fields.Where(f => !string.IsNullOrWhiteSpace(f.Item2)).Select(f => (f.Item1, f.Item2!));
    }
}

using System.Text.Json.Serialization;
using FakeNews.Core.Classification;
using FakeNews.Core.Explanations;

namespace FakeNews.Messaging;

/// <summary>
/// The verdict on one request (contract v1): JSON
/// <c>{"schema_version": 1, "id", "label", "p_fake", "tokens", "chunks"?, "model", "model_version", "latency_ms",
/// "kind"?, "threshold"?, "granularity"?, "attributions"?}</c>. <c>chunks</c> is present only when the text needed more
/// than one window; <c>kind</c> (claim, headline, article or post: whose calibration gave the verdict) only for models
/// calibrated per kind; <c>threshold</c> (the p_fake at or above which the label is fake for this request) whenever the
/// classifier reports it;
/// <c>granularity</c> and <c>attributions</c> only when the request asked to explain.
/// </summary>
public sealed record ArticleResult(
    [property: JsonPropertyName("schema_version")] int SchemaVersion,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("p_fake")] float PFake,
    [property: JsonPropertyName("tokens")] int Tokens,
    [property: JsonPropertyName("chunks"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ResultChunk>? Chunks,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("model_version")] string ModelVersion,
    [property: JsonPropertyName("latency_ms")] double LatencyMs,
    [property: JsonPropertyName("kind"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Kind = null,
    [property: JsonPropertyName("threshold"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] float? Threshold = null,
    [property: JsonPropertyName("granularity"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Granularity = null,
    [property: JsonPropertyName("attributions"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ResultAttribution>? Attributions = null)
{
    /// <summary>Builds the result message for request <paramref name="id"/> from an explained verdict.</summary>
    public static ArticleResult From(string id, Explanation explanation, ModelInfo model)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        return From(id, explanation.Result, model) with
        {
            Granularity = Explanation.GranularityName(explanation.Granularity),
            Attributions = explanation.Attributions.Select(a => new ResultAttribution(a.Source, a.Field, a.Start, a.End, a.Text, a.Weight)).ToList(),
        };
    }

    /// <summary>Builds the result message for request <paramref name="id"/> from the classifier's verdict.</summary>
    public static ArticleResult From(string id, ClassificationResult result, ModelInfo model)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(model);
        var chunks = result.Chunks.Count > 1
            ? result.Chunks.Select(c => new ResultChunk(c.Index, c.StartToken, c.TokenCount, c.PFake)).ToList()
            : null;
        return new ArticleResult(
            MessageContract.SchemaVersion, id, result.Label, result.PFake, result.Tokens, chunks,
            model.Name, model.Version, Math.Round(result.LatencyMs, 3), InputKinds.NameOrNull(result.Kind),
            result.Threshold);
    }
}

/// <summary>The score of one token window of a long article.</summary>
public sealed record ResultChunk(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("start_token")] int StartToken,
    [property: JsonPropertyName("token_count")] int TokenCount,
    [property: JsonPropertyName("p_fake")] float PFake);

/// <summary>How much one unit of the request moved the verdict (see <see cref="Attribution"/>).</summary>
public sealed record ResultAttribution(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("field"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Field,
    [property: JsonPropertyName("start")] int Start,
    [property: JsonPropertyName("end")] int End,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("weight")] float Weight);

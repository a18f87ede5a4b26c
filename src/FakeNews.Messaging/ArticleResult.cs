using System.Text.Json.Serialization;
using FakeNews.Core.Classification;

namespace FakeNews.Messaging;

/// <summary>
/// The verdict on one request (contract v1): JSON
/// <c>{"schema_version": 1, "id", "label", "p_fake", "tokens", "chunks"?, "model", "model_version", "latency_ms"}</c>.
/// <c>chunks</c> is present only when the text needed more than one window.
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
    [property: JsonPropertyName("latency_ms")] double LatencyMs)
{
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
            model.Name, model.Version, Math.Round(result.LatencyMs, 3));
    }
}

/// <summary>The score of one token window of a long article.</summary>
public sealed record ResultChunk(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("start_token")] int StartToken,
    [property: JsonPropertyName("token_count")] int TokenCount,
    [property: JsonPropertyName("p_fake")] float PFake);

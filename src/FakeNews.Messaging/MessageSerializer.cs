using System.Text.Json;
using System.Text.Json.Serialization;

namespace FakeNews.Messaging;

/// <summary>Writes and reads contract v1 bodies as compact UTF-8 JSON. Thread-safe.</summary>
public static class MessageSerializer
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The JSON body of a result.</summary>
    public static byte[] Serialize(ArticleResult result) => JsonSerializer.SerializeToUtf8Bytes(result, Options);

    /// <summary>Reads a result body (for <c>collect</c> and tests).</summary>
    /// <exception cref="JsonException">The body is not a v1 result.</exception>
    public static ArticleResult DeserializeResult(ReadOnlySpan<byte> body) =>
        JsonSerializer.Deserialize<ArticleResult>(body, Options) ?? throw new JsonException("The result body is JSON null.");

    /// <summary>The JSON body of a request, as <see cref="RequestParser"/> reads it.</summary>
    public static byte[] Serialize(ArticleRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new RequestBody(MessageContract.SchemaVersion, request.Id, request.Text, request.Title, request.Url, request.Metadata, request.Explain ? true : null);
        return JsonSerializer.SerializeToUtf8Bytes(body, Options);
    }

    private sealed record RequestBody(
        [property: JsonPropertyName("schema_version")] int SchemaVersion,
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("title")] string? Title,
        [property: JsonPropertyName("url")] string? Url,
        [property: JsonPropertyName("metadata")] IReadOnlyDictionary<string, string?>? Metadata,
        [property: JsonPropertyName("explain")] bool? Explain);
}

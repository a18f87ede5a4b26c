using System.Globalization;
using System.Text.Json;

namespace FakeNews.Messaging;

/// <summary>
/// Reads and validates request bodies (contract v1). Never throws for bad input: every problem becomes a
/// <see cref="DeadLetterReason"/> with a code from <see cref="ReasonCodes"/>. Stateless and thread-safe.
/// </summary>
public static class RequestParser
{
    /// <summary>The default largest body accepted: 1 MiB.</summary>
    public const int DefaultMaxBodyBytes = 1024 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    /// <summary>Parses one message body.</summary>
    /// <param name="body">The UTF-8 JSON body.</param>
    /// <param name="messageId">The AMQP message id, used when the body has no <c>id</c>.</param>
    /// <param name="maxBodyBytes">Bodies longer than this are <see cref="ReasonCodes.Oversized"/>.</param>
    public static ParsedRequest Parse(ReadOnlyMemory<byte> body, string? messageId, int maxBodyBytes = DefaultMaxBodyBytes)
    {
        if (body.Length > maxBodyBytes)
        {
            return ParsedRequest.Poison(ReasonCodes.Oversized, string.Create(CultureInfo.InvariantCulture, $"the body is {body.Length} bytes; the limit is {maxBodyBytes}"));
        }

        // JsonDocument decodes strings lazily, so invalid UTF-8 inside a string would only throw later.
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            return ParsedRequest.Poison(ReasonCodes.MalformedJson, "the body is not valid UTF-8");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException e)
        {
            return ParsedRequest.Poison(ReasonCodes.MalformedJson, OneLine(e.Message));
        }

        using (document)
        {
            try
            {
                return Read(document.RootElement, messageId);
            }
            catch (InvalidOperationException e)
            {
                // Valid JSON can escape text that is not valid UTF-16 ("\ud800"); GetString refuses it.
                return ParsedRequest.Poison(ReasonCodes.MalformedJson, $"a string field cannot be decoded: {OneLine(e.Message)}");
            }
        }
    }

    private static ParsedRequest Read(JsonElement root, string? messageId)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ParsedRequest.Poison(ReasonCodes.MalformedJson, $"the body is a JSON {Kind(root)}, not an object");
        }

        if (root.TryGetProperty("schema_version", out var version) && version.ValueKind != JsonValueKind.Null
            && !(version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out var v) && v == MessageContract.SchemaVersion))
        {
            return ParsedRequest.Poison(ReasonCodes.UnsupportedVersion, $"schema_version {version.GetRawText()} is not supported; this worker reads {MessageContract.SchemaVersion}");
        }

        if (!TryString(root, "id", out var id, out var problem) || !TryString(root, "title", out var title, out problem)
            || !TryString(root, "url", out var url, out problem) || !TryString(root, "text", out var text, out problem))
        {
            return ParsedRequest.Poison(ReasonCodes.MalformedJson, problem!);
        }

        id = string.IsNullOrWhiteSpace(id) ? messageId : id;
        if (string.IsNullOrWhiteSpace(id))
        {
            return ParsedRequest.Poison(ReasonCodes.MissingId, "the body has no 'id' and the message has no message id");
        }

        if (text is null)
        {
            return ParsedRequest.Poison(ReasonCodes.MissingText, "the body has no 'text' field");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return ParsedRequest.Poison(ReasonCodes.EmptyText, "'text' is empty or whitespace only");
        }

        if (!TryMetadata(root, out var metadata, out problem))
        {
            return ParsedRequest.Poison(ReasonCodes.MalformedJson, problem!);
        }

        var explain = false;
        if (root.TryGetProperty("explain", out var flag) && flag.ValueKind != JsonValueKind.Null)
        {
            if (flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return ParsedRequest.Poison(ReasonCodes.MalformedJson, $"'explain' is a JSON {Kind(flag)}; it must be true or false");
            }

            explain = flag.GetBoolean();
        }

        return ParsedRequest.Valid(new ArticleRequest(id, text, title, url, metadata, explain));
    }

    /// <summary>A field that is absent or null gives null; a string gives its value; anything else is a problem.</summary>
    private static bool TryString(JsonElement root, string name, out string? value, out string? problem)
    {
        value = null;
        problem = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            value = element.GetString();
            return true;
        }

        // Numeric ids are common in feeds; accept them as their JSON text.
        if (name == "id" && element.ValueKind == JsonValueKind.Number)
        {
            value = element.GetRawText();
            return true;
        }

        problem = $"'{name}' is a JSON {Kind(element)}; it must be a string";
        return false;
    }

    private static bool TryMetadata(JsonElement root, out IReadOnlyDictionary<string, string?>? metadata, out string? problem)
    {
        metadata = null;
        problem = null;
        if (!root.TryGetProperty("metadata", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            problem = $"'metadata' is a JSON {Kind(element)}; it must be an object of strings";
            return false;
        }

        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                problem = $"'metadata.{property.Name}' is a JSON {Kind(property.Value)}; it must be a string";
                return false;
            }

            values[property.Name] = property.Value.GetString();
        }

        metadata = values;
        return true;
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        JsonValueKind.Number => "number",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}

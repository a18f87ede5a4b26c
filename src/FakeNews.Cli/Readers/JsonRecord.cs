using System.Text.Json;
using FakeNews.Core.Classification;
using FakeNews.Core.Text;

namespace FakeNews.Cli.Readers;

/// <summary>
/// Maps one JSON object to an item: <c>id</c> (string or number), <c>title</c>, <c>text</c> (required) and the
/// metadata fields speaker/job/party/state/subject/context, either top-level or nested in a <c>metadata</c> object.
/// </summary>
internal static class JsonRecord
{
    /// <summary>
    /// The item for <paramref name="element"/>; <paramref name="fallbackId"/> is used when it has no id. A string
    /// that cannot be decoded (an escaped lone surrogate such as <c>"\ud800"</c>) makes the record malformed.
    /// </summary>
    public static InputItem ToItem(JsonElement element, string fallbackId)
    {
        try
        {
            return Read(element, fallbackId);
        }
        catch (InvalidOperationException e)
        {
            // JsonElement.GetString throws this for escapes that are valid JSON but not valid UTF-16 text.
            return InputItem.Failed(fallbackId, InputErrors.Malformed, $"a string field cannot be decoded: {e.Message}");
        }
    }

    private static InputItem Read(JsonElement element, string fallbackId)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return InputItem.Failed(fallbackId, InputErrors.Malformed, $"expected a JSON object, found {element.ValueKind}");
        }

        var id = Scalar(element, "id");
        id = string.IsNullOrWhiteSpace(id) ? fallbackId : id;
        if (!element.TryGetProperty("text", out var textElement) || textElement.ValueKind != JsonValueKind.String)
        {
            return InputItem.Failed(id, InputErrors.Malformed, "the record has no string field 'text'");
        }

        return InputItem.Create(id, textElement.GetString(), Scalar(element, "title"), Metadata(element));
    }

    private static ArticleMetadata? Metadata(JsonElement element)
    {
        var source = element.TryGetProperty("metadata", out var nested) && nested.ValueKind == JsonValueKind.Object
            ? nested
            : element;
        var values = ArticleMetadata.FieldNames.ToDictionary(name => name, name => Scalar(source, name) ?? Scalar(element, name));
        return ArticleMetadata.FromDictionary(values);
    }

    private static string? Scalar(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? JsonFields.Scalar(value) : null;
}

using System.Text.Json;

namespace FakeNews.Cli.Readers;

/// <summary>
/// A <c>.json</c> file holds one object (one item, id defaults to the path) or an array of objects
/// (id defaults to <c>path#n</c>, 1-based). See <see cref="JsonRecord"/> for the fields.
/// </summary>
internal sealed class JsonReader : IInputReader
{
    internal static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".json"];

    /// <inheritdoc />
    public bool IsCollection => true;

    /// <inheritdoc />
    public IEnumerable<InputItem> Read(string fileId, string content)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content, Options);
        }
        catch (JsonException e)
        {
            return [InputItem.Failed(fileId, InputErrors.Malformed, $"invalid JSON: {e.Message}")];
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                return [JsonRecord.ToItem(root, fileId)];
            }

            var items = root.EnumerateArray().Select((element, i) => JsonRecord.ToItem(element, $"{fileId}#{i + 1}")).ToList();
            return items.Count == 0 ? [InputItem.Failed(fileId, InputErrors.Empty, "the array is empty")] : items;
        }
    }
}

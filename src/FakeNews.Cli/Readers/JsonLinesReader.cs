using System.Text.Json;

namespace FakeNews.Cli.Readers;

/// <summary>
/// A <c>.jsonl</c> file holds one JSON object per line (blank lines are skipped). The id defaults to
/// <c>path#line</c>; a line that is not a valid object becomes an error row naming its line and the rest continues.
/// </summary>
internal sealed class JsonLinesReader : IInputReader
{
    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".jsonl", ".ndjson"];

    /// <inheritdoc />
    public bool IsCollection => true;

    /// <inheritdoc />
    public IEnumerable<InputItem> Read(string fileId, string content)
    {
        using var reader = new StringReader(content);
        var lineNumber = 0;
        var any = false;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            any = true;
            yield return ReadLine(line, $"{fileId}#{lineNumber}", lineNumber);
        }

        if (!any)
        {
            yield return InputItem.Failed(fileId, InputErrors.Empty, "no JSON lines");
        }
    }

    private static InputItem ReadLine(string line, string fallbackId, int lineNumber)
    {
        try
        {
            using var document = JsonDocument.Parse(line, JsonReader.Options);
            return JsonRecord.ToItem(document.RootElement, fallbackId);
        }
        catch (JsonException e)
        {
            return InputItem.Failed(fallbackId, InputErrors.Malformed, $"line {lineNumber} is not valid JSON: {e.Message}");
        }
    }
}

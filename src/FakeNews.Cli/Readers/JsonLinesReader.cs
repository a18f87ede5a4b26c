using FakeNews.Core.Text;

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
        var any = false;
        foreach (var line in JsonLines.Read(content, JsonReader.Options))
        {
            any = true;
            var fallbackId = $"{fileId}#{line.Number}";
            if (line.Error is not null)
            {
                yield return InputItem.Failed(fallbackId, InputErrors.Malformed, $"line {line.Number} is not valid JSON: {line.Error.Message}");
                continue;
            }

            using var document = line.Document!;
            yield return JsonRecord.ToItem(document.RootElement, fallbackId);
        }

        if (!any)
        {
            yield return InputItem.Failed(fileId, InputErrors.Empty, "no JSON lines");
        }
    }
}

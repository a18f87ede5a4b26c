using System.Text.Json;

namespace FakeNews.Core.Text;

/// <summary>JSON Lines: one JSON value per non-blank line, each parsed on its own so one bad line spoils nothing else.</summary>
public static class JsonLines
{
    /// <summary>One non-blank line: its parsed document (the caller disposes it) or why it is not JSON.</summary>
    /// <param name="Number">The 1-based line number.</param>
    /// <param name="Document">The parsed line, or null when <paramref name="Error"/> is set.</param>
    /// <param name="Error">The parser's complaint, or null.</param>
    public readonly record struct Line(int Number, JsonDocument? Document, JsonException? Error);

    /// <summary>
    /// The non-blank lines of <paramref name="content"/> lazily (CR, LF or CRLF ends a line), each parsed with
    /// <paramref name="options"/>.
    /// </summary>
    public static IEnumerable<Line> Read(string content, JsonDocumentOptions options = default)
    {
        using var reader = new StringReader(content);
        var number = 0;
        while (reader.ReadLine() is { } text)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(text))
            {
                yield return Parse(text, number, options);
            }
        }
    }

    private static Line Parse(string text, int number, JsonDocumentOptions options)
    {
        try
        {
            return new Line(number, JsonDocument.Parse(text, options), null);
        }
        catch (JsonException e)
        {
            return new Line(number, null, e);
        }
    }
}

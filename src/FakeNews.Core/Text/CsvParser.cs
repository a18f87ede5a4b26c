using System.Text;

namespace FakeNews.Core.Text;

/// <summary>
/// An RFC 4180 parser: comma separated, fields optionally quoted with <c>"</c>, <c>""</c> for a quote inside quotes,
/// CRLF or LF record ends, newlines allowed inside quoted fields. Lenient on a stray quote inside an unquoted field
/// (kept as text); an unterminated quoted field is a <see cref="CsvFormatException"/> naming its starting line.
/// Shared by the CLI's readers and writers and the evaluation harness's data reader.
/// </summary>
public static class CsvParser
{
    /// <summary>One record and the 1-based line it starts on.</summary>
    /// <param name="Line">The 1-based line the record starts on.</param>
    /// <param name="Fields">The record's fields, unquoted.</param>
    public readonly record struct Record(int Line, IReadOnlyList<string> Fields);

    /// <summary>Parses all records lazily; a trailing empty line is not a record.</summary>
    public static IEnumerable<Record> Parse(string content)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = 0;
        var atFieldStart = true;
        while (i < content.Length)
        {
            var c = content[i];
            if (atFieldStart && c == '"')
            {
                var start = line;
                i = ReadQuoted(content, i + 1, field, ref line);
                if (i < 0)
                {
                    throw new CsvFormatException(start, $"the quoted field starting on line {start} is not closed");
                }

                atFieldStart = false;
                continue;
            }

            atFieldStart = false;
            if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                atFieldStart = true;
                i++;
            }
            else if (c is '\r' or '\n')
            {
                i += c == '\r' && i + 1 < content.Length && content[i + 1] == '\n' ? 2 : 1;
                fields.Add(field.ToString());
                field.Clear();
                yield return new Record(recordLine, fields);
                fields = [];
                atFieldStart = true;
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(c);
                i++;
            }
        }

        if (!atFieldStart || fields.Count > 0 || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return new Record(recordLine, fields);
        }
    }

    /// <summary>Reads a quoted field's content after its opening quote; returns the index after the closing quote, or -1.</summary>
    private static int ReadQuoted(string content, int i, StringBuilder field, ref int line)
    {
        while (i < content.Length)
        {
            var c = content[i];
            if (c == '"')
            {
                if (i + 1 < content.Length && content[i + 1] == '"')
                {
                    field.Append('"');
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            if (c == '\n')
            {
                line++;
            }

            field.Append(c);
            i++;
        }

        return -1;
    }

    /// <summary>Quotes a field when it holds a comma, quote, CR or LF.</summary>
    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}

/// <summary>A CSV document that cannot be parsed: an unterminated quoted field.</summary>
public sealed class CsvFormatException : FormatException
{
    /// <summary>Creates the exception for the record starting on <paramref name="line"/>.</summary>
    public CsvFormatException(int line, string message)
        : base(message)
    {
        Line = line;
    }

    /// <summary>The 1-based line where the offending field starts.</summary>
    public int Line { get; }
}

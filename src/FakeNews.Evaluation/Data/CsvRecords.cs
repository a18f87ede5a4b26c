using System.Text;

namespace FakeNews.Evaluation.Data;

/// <summary>An RFC 4180 record splitter that tracks the line each record starts on.</summary>
internal static class CsvRecords
{
    internal readonly record struct Record(int Line, IReadOnlyList<string> Fields);

    /// <summary>Parses all records; an unterminated quoted field is a <see cref="DataFormatException"/> naming its line.</summary>
    public static IEnumerable<Record> Parse(string content, string path)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1, recordLine = 1, i = 0;
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
                    throw new DataFormatException(path, start, "a quoted field is not closed");
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
                recordLine = ++line;
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

            line += c == '\n' ? 1 : 0;
            field.Append(c);
            i++;
        }

        return -1;
    }
}

using FakeNews.Core.Text;

namespace FakeNews.Evaluation.Data;

/// <summary>
/// CSV with a header row (RFC 4180: comma separated, <c>"</c> quoting, <c>""</c> inside quotes, newlines allowed in
/// quoted fields). Header names are trimmed and lower-cased. A row with a different field count than the header
/// is ragged and rejected.
/// </summary>
internal static class CsvDatasetReader
{
    public static List<EvalExample> Parse(string content, string path)
    {
        List<string>? header = null;
        var examples = new List<EvalExample>();
        foreach (var record in Records(content, path))
        {
            if (record.Fields.Count == 1 && record.Fields[0].Length == 0)
            {
                continue;
            }

            if (header is null)
            {
                header = record.Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
                ValidateHeader(header, path, record.Line);
                continue;
            }

            if (record.Fields.Count != header.Count)
            {
                throw new DataFormatException(path, record.Line, $"ragged row: {record.Fields.Count} fields, the header has {header.Count}");
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                fields[header[i]] = record.Fields[i];
            }

            examples.Add(FieldExampleBuilder.Build(fields, path, record.Line));
        }

        if (header is null)
        {
            throw new DataFormatException(path, 0, "the file is empty (no header row)");
        }

        return examples;
    }

    private static void ValidateHeader(List<string> header, string path, int line)
    {
        foreach (var name in FieldExampleBuilder.Required)
        {
            if (!header.Contains(name))
            {
                throw new DataFormatException(path, line, $"missing column '{name}' in the header (columns: {string.Join(",", header)})");
            }
        }

        var duplicate = header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new DataFormatException(path, line, $"duplicate column '{duplicate.Key}' in the header");
        }

        if (header.Any(h => h.Length == 0))
        {
            throw new DataFormatException(path, line, "empty column name in the header");
        }
    }

    /// <summary>The parser's records, with an unterminated quote reported as a data error naming the file and line.</summary>
    private static IEnumerable<CsvParser.Record> Records(string content, string path)
    {
        using var records = CsvParser.Parse(content).GetEnumerator();
        while (true)
        {
            try
            {
                if (!records.MoveNext())
                {
                    yield break;
                }
            }
            catch (CsvFormatException e)
            {
                throw new DataFormatException(path, e.Line, "a quoted field is not closed");
            }

            yield return records.Current;
        }
    }
}

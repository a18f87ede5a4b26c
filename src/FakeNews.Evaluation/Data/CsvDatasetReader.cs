using FakeNews.Core.Data;
using FakeNews.Core.Text;

namespace FakeNews.Evaluation.Data;

/// <summary>
/// CSV with a header row (RFC 4180: comma separated, <c>"</c> quoting, <c>""</c> inside quotes, newlines allowed in
/// quoted fields), read through <see cref="CsvTable"/>. Header names are trimmed and lower-cased. A row with a different field count than the header
/// is ragged and rejected.
/// </summary>
internal static class CsvDatasetReader
{
    public static List<EvalExample> Parse(string content, string path)
    {
        CsvHeader? header = null;
        var examples = new List<EvalExample>();
        foreach (var record in CsvTable.Read(content))
        {
            if (record.Error is not null)
            {
                throw new DataFormatException(path, record.Line, "a quoted field is not closed");
            }

            if (record.IsBlank)
            {
                continue;
            }

            if (header is null)
            {
                header = new CsvHeader(record.Fields);
                ValidateHeader(header, path, record.Line);
                continue;
            }

            if (record.Fields.Count != header.Names.Count)
            {
                throw new DataFormatException(path, record.Line, $"ragged row: {record.Fields.Count} fields, the header has {header.Names.Count}");
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Names.Count; i++)
            {
                fields[header.Names[i]] = record.Fields[i];
            }

            examples.Add(FieldExampleBuilder.Build(fields, path, record.Line));
        }

        if (header is null)
        {
            throw new DataFormatException(path, 0, "the file is empty (no header row)");
        }

        return examples;
    }

    private static void ValidateHeader(CsvHeader header, string path, int line)
    {
        foreach (var name in FieldExampleBuilder.Required)
        {
            if (!header.Has(name))
            {
                throw new DataFormatException(path, line, $"missing column '{name}' in the header (columns: {string.Join(",", header.Names)})");
            }
        }

        if (header.Duplicate is { } duplicate)
        {
            throw new DataFormatException(path, line, $"duplicate column '{duplicate}' in the header");
        }

        if (header.Names.Any(h => h.Length == 0))
        {
            throw new DataFormatException(path, line, "empty column name in the header");
        }
    }
}

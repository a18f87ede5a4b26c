using FakeNews.Core.Classification;
using FakeNews.Core.Text;

namespace FakeNews.Cli.Readers;

/// <summary>
/// A <c>.csv</c> file (RFC 4180, header row first) holds one item per record. Column <c>text</c> is required;
/// <c>title</c>, <c>id</c> and the metadata columns (speaker, job, party, state, subject, context) are optional.
/// Header names are case-insensitive. The id defaults to <c>path#row</c> (1-based data row). A record with the wrong
/// number of fields becomes an error row; an unclosed quote ends the file with an error row.
/// </summary>
internal sealed class CsvReader : IInputReader
{
    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".csv"];

    /// <inheritdoc />
    public bool IsCollection => true;

    /// <inheritdoc />
    public IEnumerable<InputItem> Read(string fileId, string content)
    {
        using var records = CsvParser.Parse(content).GetEnumerator();
        Dictionary<string, int>? columns = null;
        var width = 0;
        var row = 0;
        while (true)
        {
            CsvParser.Record record;
            string? error = null;
            try
            {
                if (!records.MoveNext())
                {
                    break;
                }

                record = records.Current;
            }
            catch (FormatException e)
            {
                record = default;
                error = e.Message;
            }

            if (error is not null)
            {
                yield return InputItem.Failed(columns is null ? fileId : $"{fileId}#{row + 1}", InputErrors.Malformed, error);
                yield break;
            }

            if (columns is null)
            {
                columns = Header(record.Fields);
                width = record.Fields.Count;
                if (!columns.ContainsKey("text"))
                {
                    yield return InputItem.Failed(fileId, InputErrors.Malformed, "the CSV header has no 'text' column");
                    yield break;
                }

                continue;
            }

            if (record.Fields is [""])
            {
                continue;
            }

            row++;
            yield return ToItem(record, columns, width, $"{fileId}#{row}");
        }

        if (row == 0)
        {
            yield return InputItem.Failed(fileId, InputErrors.Empty, "the CSV file has no data rows");
        }
    }

    private static Dictionary<string, int> Header(IReadOnlyList<string> fields)
    {
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < fields.Count; i++)
        {
            columns.TryAdd(fields[i].Trim().TrimStart('\uFEFF'), i);
        }

        return columns;
    }

    private static InputItem ToItem(CsvParser.Record record, Dictionary<string, int> columns, int width, string fallbackId)
    {
        string? Get(string name) => columns.TryGetValue(name, out var i) && i < record.Fields.Count ? record.Fields[i] : null;

        var id = Get("id");
        id = string.IsNullOrWhiteSpace(id) ? fallbackId : id;
        if (record.Fields.Count != width)
        {
            return InputItem.Failed(id, InputErrors.Malformed, $"the record on line {record.Line} has {record.Fields.Count} fields, the header has {width}");
        }

        var metadata = ArticleMetadata.FromDictionary(ArticleMetadata.FieldNames.ToDictionary(name => name, Get));
        return InputItem.Create(id, Get("text"), Get("title"), metadata);
    }
}

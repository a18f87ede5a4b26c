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
        CsvHeader? header = null;
        var row = 0;
        foreach (var entry in CsvTable.Read(content))
        {
            if (entry.Error is not null)
            {
                yield return InputItem.Failed(header is null ? fileId : $"{fileId}#{row + 1}", InputErrors.Malformed, entry.Error);
                yield break;
            }

            if (header is null)
            {
                header = new CsvHeader(entry.Fields);
                if (!header.Has("text"))
                {
                    yield return InputItem.Failed(fileId, InputErrors.Malformed, "the CSV header has no 'text' column");
                    yield break;
                }

                continue;
            }

            if (entry.IsBlank)
            {
                continue;
            }

            row++;
            yield return ToItem(entry, header, $"{fileId}#{row}");
        }

        if (row == 0)
        {
            yield return InputItem.Failed(fileId, InputErrors.Empty, "the CSV file has no data rows");
        }
    }

    private static InputItem ToItem(CsvTable.Entry record, CsvHeader header, string fallbackId)
    {
        string? Get(string name) => header.Get(record.Fields, name);

        var id = Get("id");
        id = string.IsNullOrWhiteSpace(id) ? fallbackId : id;
        if (record.Fields.Count != header.Names.Count)
        {
            return InputItem.Failed(id, InputErrors.Malformed, $"the record on line {record.Line} has {record.Fields.Count} fields, the header has {header.Names.Count}");
        }

        var metadata = ArticleMetadata.FromDictionary(ArticleMetadata.FieldNames.ToDictionary(name => name, Get));
        return InputItem.Create(id, Get("text"), Get("title"), metadata);
    }
}

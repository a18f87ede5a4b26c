namespace FakeNews.Core.Text;

/// <summary>
/// A CSV file with a header row, on top of <see cref="CsvParser"/>: the records with an unclosed quote as a last
/// entry instead of an exception, and the header's column lookup. The shared layer of the CLI's <c>.csv</c> reader
/// and the evaluation data reader; each host turns entries into its own items or errors.
/// </summary>
public static class CsvTable
{
    /// <summary>One record, or (as the last entry) the reason the rest of the file cannot be parsed.</summary>
    /// <param name="Line">The 1-based line the record (or the unclosed field) starts on.</param>
    /// <param name="Fields">The record's fields; empty when <paramref name="Error"/> is set.</param>
    /// <param name="Error">Why parsing stopped (an unclosed quoted field), or null.</param>
    public readonly record struct Entry(int Line, IReadOnlyList<string> Fields, string? Error)
    {
        /// <summary>True for an empty line (one empty field).</summary>
        public bool IsBlank => Error is null && Fields is [""];
    }

    /// <summary>Every record lazily; after an unclosed quote, one entry with <see cref="Entry.Error"/> and no more.</summary>
    public static IEnumerable<Entry> Read(string content)
    {
        using var records = CsvParser.Parse(content).GetEnumerator();
        while (true)
        {
            Entry entry;
            try
            {
                if (!records.MoveNext())
                {
                    yield break;
                }

                entry = new Entry(records.Current.Line, records.Current.Fields, null);
            }
            catch (CsvFormatException e)
            {
                entry = new Entry(e.Line, [], e.Message);
            }

            yield return entry;
            if (entry.Error is not null)
            {
                yield break;
            }
        }
    }
}

/// <summary>
/// A CSV header: names trimmed, a leading byte-order mark dropped and lower-cased (invariant); lookups ignore case
/// and the first column of a repeated name wins.
/// </summary>
public sealed class CsvHeader
{
    private readonly Dictionary<string, int> _columns = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads the header record.</summary>
    public CsvHeader(IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Names = fields.Select(f => f.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
        for (var i = 0; i < Names.Count; i++)
        {
            _columns.TryAdd(Names[i], i);
        }
    }

    /// <summary>The normalised column names, in file order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The first name that appears more than once, or null.</summary>
    public string? Duplicate => Names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;

    /// <summary>Whether the header has the column.</summary>
    public bool Has(string name) => _columns.ContainsKey(name);

    /// <summary>The record's value in the column, or null when the column is absent or the record too short.</summary>
    public string? Get(IReadOnlyList<string> fields, string name) =>
        _columns.TryGetValue(name, out var i) && i < fields.Count ? fields[i] : null;
}

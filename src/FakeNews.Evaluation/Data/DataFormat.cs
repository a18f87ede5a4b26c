namespace FakeNews.Evaluation.Data;

/// <summary>The labelled-data formats <c>fakenews eval</c> reads.</summary>
public enum DataFormat
{
    /// <summary>LIAR TSV (Wang 2017): 14 tab-separated columns, six-way labels mapped to fake/real.</summary>
    Liar,

    /// <summary>CSV with a header row: <c>id,label,text</c>, optional <c>title</c>, other columns kept as slice keys.</summary>
    Csv,

    /// <summary>JSON Lines: one object per line with the same fields as the CSV.</summary>
    Jsonl,
}

/// <summary>Parsing and guessing <see cref="DataFormat"/> values.</summary>
public static class DataFormats
{
    /// <summary>The format named <paramref name="name"/> (liar|tsv, csv, jsonl), or the one implied by the file extension when null.</summary>
    /// <exception cref="ArgumentException">The name is unknown, or the extension implies no format.</exception>
    public static DataFormat Resolve(string path, string? name)
    {
        var key = (name ?? Path.GetExtension(path).TrimStart('.')).ToLowerInvariant();
        return key switch
        {
            "liar" or "tsv" => DataFormat.Liar,
            "csv" => DataFormat.Csv,
            "jsonl" or "ndjson" => DataFormat.Jsonl,
            _ when name is null => throw new ArgumentException($"cannot tell the format of '{path}' from its extension; pass --format liar|csv|jsonl", nameof(name)),
            _ => throw new ArgumentException($"unknown format '{name}'; expected liar, csv or jsonl", nameof(name)),
        };
    }
}

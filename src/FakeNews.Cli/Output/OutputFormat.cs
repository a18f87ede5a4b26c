namespace FakeNews.Cli.Output;

/// <summary>The formats <c>score</c> writes.</summary>
internal enum OutputFormat
{
    /// <summary>One JSON object per line.</summary>
    Jsonl,

    /// <summary>RFC 4180 CSV with a header row.</summary>
    Csv,
}

/// <summary>Chooses the output format.</summary>
internal static class OutputFormats
{
    /// <summary>The format named by <c>--format</c>, else <c>csv</c> for a <c>.csv</c> path, else JSONL.</summary>
    public static OutputFormat Choose(string path, string? format) => format?.ToLowerInvariant() switch
    {
        "csv" => OutputFormat.Csv,
        "jsonl" => OutputFormat.Jsonl,
        null => string.Equals(Path.GetExtension(path), ".csv", StringComparison.OrdinalIgnoreCase) ? OutputFormat.Csv : OutputFormat.Jsonl,
        _ => throw new ArgumentException($"Unknown output format '{format}'.", nameof(format)),
    };
}

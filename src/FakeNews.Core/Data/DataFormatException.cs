namespace FakeNews.Core.Data;

/// <summary>Bad data in an input file (LIAR, evaluation sets, predictions). The message reads <c>FILE:LINE: REASON</c>.</summary>
public sealed class DataFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="line"/> (1-based; 0 for the file as a whole).</summary>
    public DataFormatException(string path, int line, string reason)
        : base(line > 0 ? $"{path}:{line}: {reason}" : $"{path}: {reason}")
    {
        Path = path;
        Line = line;
        Reason = reason;
    }

    /// <summary>The data file.</summary>
    public string Path { get; }

    /// <summary>The 1-based line of the problem, or 0 when it concerns the whole file.</summary>
    public int Line { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }
}

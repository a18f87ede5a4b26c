namespace FakeNews.Cli.Readers;

/// <summary>The kinds of item-level input errors; each error row's <c>error</c> starts with one of these.</summary>
internal static class InputErrors
{
    /// <summary>The file or record has no text.</summary>
    public const string Empty = "empty";

    /// <summary>The file could not be opened or read.</summary>
    public const string Unreadable = "unreadable";

    /// <summary>The file holds NUL bytes or invalid UTF-8.</summary>
    public const string Binary = "binary";

    /// <summary>The file is larger than <see cref="InputFile.MaxBytes"/>.</summary>
    public const string Oversized = "oversized";

    /// <summary>The file or record is not valid JSON, JSONL or CSV, or lacks a required field.</summary>
    public const string Malformed = "malformed";
}

namespace FakeNews.Cli.Readers;

/// <summary>Turns the text of one input file into items. Never throws for bad content: it yields error items.</summary>
internal interface IInputReader
{
    /// <summary>The lower-case file extensions this reader handles, with the dot.</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>True for files of many items (.json, .jsonl, .csv), which may be up to <see cref="InputFile.MaxCollectionBytes"/>.</summary>
    bool IsCollection { get; }

    /// <summary>Reads the items of a file whose id (its path as given) is <paramref name="fileId"/>.</summary>
    IEnumerable<InputItem> Read(string fileId, string content);
}

namespace FakeNews.Cli.Readers;

/// <summary>A <c>.txt</c> file is one item: its whole content is the text.</summary>
internal sealed class TextFileReader : IInputReader
{
    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".txt"];

    /// <inheritdoc />
    public bool IsCollection => false;

    /// <inheritdoc />
    public IEnumerable<InputItem> Read(string fileId, string content)
    {
        yield return InputItem.Create(fileId, content.Trim());
    }
}

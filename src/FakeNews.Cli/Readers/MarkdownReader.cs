namespace FakeNews.Cli.Readers;

/// <summary>
/// A <c>.md</c> file is one item. Markdown is kept as text; a leading <c># </c> heading (the first non-blank line)
/// becomes the title and is removed from the body.
/// </summary>
internal sealed class MarkdownReader : IInputReader
{
    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".md", ".markdown"];

    /// <inheritdoc />
    public bool IsCollection => false;

    /// <inheritdoc />
    public IEnumerable<InputItem> Read(string fileId, string content)
    {
        var (title, body) = Split(content);
        yield return InputItem.Create(fileId, body, title);
    }

    internal static (string? Title, string Body) Split(string content)
    {
        var text = content.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\n', ' ', '\t');
        if (!text.StartsWith("# ", StringComparison.Ordinal))
        {
            return (null, text.Trim());
        }

        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var heading = end < 0 ? text : text[..end];
        var body = end < 0 ? string.Empty : text[(end + 1)..];
        return (heading[2..].Trim().TrimEnd('#').Trim(), body.Trim());
    }
}

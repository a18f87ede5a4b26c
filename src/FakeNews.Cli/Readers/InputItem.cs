using FakeNews.Core.Classification;

namespace FakeNews.Cli.Readers;

/// <summary>
/// One text to score read from an input file, or the reason it could not be read.
/// Exactly one of <see cref="Text"/> and <see cref="Error"/> is set.
/// </summary>
/// <param name="Id">The given id, or the path (with <c>#n</c> for items of multi-item files).</param>
/// <param name="Text">The body to classify, or null when <see cref="Error"/> is set.</param>
/// <param name="Title">An optional headline.</param>
/// <param name="Metadata">Optional speaker metadata.</param>
/// <param name="Error">An item-level error such as <c>empty: the file is empty</c>.</param>
internal sealed record InputItem(
    string Id,
    string? Text,
    string? Title = null,
    ArticleMetadata? Metadata = null,
    string? Error = null)
{
    /// <summary>An item that could not be read; it becomes an error row.</summary>
    public static InputItem Failed(string id, string kind, string message) => new(id, null, Error: $"{kind}: {message}");

    /// <summary>A readable item, or an <c>empty</c> or <c>oversized</c> error when its text is blank or too long.</summary>
    public static InputItem Create(string id, string? text, string? title = null, ArticleMetadata? metadata = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Failed(id, InputErrors.Empty, "no text to classify");
        }

        var length = text.Length + (title?.Length ?? 0);
        return length > InputFile.MaxItemChars
            ? Failed(id, InputErrors.Oversized, $"{length} characters is over the {InputFile.MaxItemChars} character limit")
            : new InputItem(id, text, string.IsNullOrWhiteSpace(title) ? null : title.Trim(), metadata);
    }

    /// <summary>The request for the classifier; only valid when <see cref="Error"/> is null.</summary>
    public ClassificationRequest ToRequest() =>
        new(Text ?? throw new InvalidOperationException($"Item '{Id}' has no text: {Error}"), Title, Metadata);
}

namespace FakeNews.Core.Classification;

/// <summary>One text to classify: a claim, a post or an article, with an optional title and metadata.</summary>
/// <param name="Text">The claim or article body. Must not be empty or whitespace only.</param>
/// <param name="Title">An optional headline; when present the model reads it before the body.</param>
/// <param name="Metadata">Optional speaker metadata; null or empty means a bare claim.</param>
public sealed record ClassificationRequest(string Text, string? Title = null, ArticleMetadata? Metadata = null)
{
    /// <summary>
    /// The exact string the tokenizer sees, matching training (scripts/fakenews_train/text.py):
    /// <c>TITLE + "\n\n" + TEXT</c> when a title is given, then the metadata prefix when metadata is given.
    /// </summary>
    public string ModelInput()
    {
        var body = string.IsNullOrWhiteSpace(Title) ? Text : Title.Trim() + "\n\n" + Text;
        return Metadata is null ? body : Metadata.Render(body);
    }
}

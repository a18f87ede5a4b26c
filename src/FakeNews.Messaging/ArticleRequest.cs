using FakeNews.Core.Classification;

namespace FakeNews.Messaging;

/// <summary>
/// A request to classify one article (contract v1): JSON <c>{"schema_version": 1, "id", "text", "title"?, "url"?, "metadata"?, "explain"?}</c>
/// where metadata holds the optional LIAR fields (speaker, job, party, state, subject, context) and <c>explain: true</c>
/// asks for attributions on the result.
/// </summary>
/// <param name="Id">The caller's id, echoed on the result.</param>
/// <param name="Text">The body; never blank once parsed.</param>
/// <param name="Title">Optional headline.</param>
/// <param name="Url">Optional source address; informational, not read by the model.</param>
/// <param name="Metadata">Optional speaker metadata (string values).</param>
/// <param name="Explain">When true, the result carries the verdict's attributions.</param>
public sealed record ArticleRequest(
    string Id,
    string Text,
    string? Title = null,
    string? Url = null,
    IReadOnlyDictionary<string, string?>? Metadata = null,
    bool Explain = false)
{
    /// <summary>The classifier request: title and metadata rendered by <see cref="ClassificationRequest.ModelInput"/>.</summary>
    public ClassificationRequest ToClassificationRequest() =>
        new(Text, string.IsNullOrWhiteSpace(Title) ? null : Title, ArticleMetadata.FromDictionary(Metadata));
}

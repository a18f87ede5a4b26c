using FakeNews.Core.Classification;

namespace FakeNews.Core.Explanations;

/// <summary>
/// Occlusion for any <see cref="ITextClassifier"/>, through its public API only: each word of the text and title
/// (<see cref="TextSegmenter"/>) is deleted from the string and each metadata field is dropped, and every variant
/// is classified. For models without token windows or batching of their own (the ML.NET baseline); the ONNX
/// pipeline has its own, batched, token-level version. Cost: one classification per unit plus one.
/// </summary>
public static class DeletionExplainer
{
    /// <summary>
    /// Classifies <paramref name="request"/> and attributes the verdict to its words and metadata fields; a unit
    /// whose deletion would leave the text empty (a one-word text) is not attributed.
    /// </summary>
    /// <exception cref="ClassificationException">As the classifier throws for <paramref name="request"/>.</exception>
    public static async Task<Explanation> ExplainAsync(
        ITextClassifier classifier, ClassificationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(request);
        var full = await classifier.ClassifyAsync(request, cancellationToken).ConfigureAwait(false);
        var variants = new List<(Attribution Unit, ClassificationRequest Request)>();
        if (request.Metadata is { } metadata)
        {
            foreach (var name in ArticleMetadata.FieldNames)
            {
                var value = ExplanationPlanner.ValueOf(metadata, name);
                if (!string.IsNullOrWhiteSpace(value))
                {
                    var trimmed = value.Trim();
                    var start = value.Length - value.TrimStart().Length;
                    var unit = new Attribution(AttributionSources.Metadata, name, start, start + trimmed.Length, trimmed, 0);
                    variants.Add((unit, request with { Metadata = ArticleMetadata.FromDictionary(Without(metadata, name)) }));
                }
            }
        }

        if (!string.IsNullOrWhiteSpace(request.Title))
        {
            foreach (var word in Words(request.Title, AttributionSources.Title))
            {
                variants.Add((word, request with { Title = Delete(request.Title, word) }));
            }
        }

        foreach (var word in Words(request.Text, AttributionSources.Text))
        {
            var text = Delete(request.Text, word);
            if (!string.IsNullOrWhiteSpace(text))
            {
                variants.Add((word, request with { Text = text }));
            }
        }

        var attributions = new List<Attribution>(variants.Count);
        foreach (var (unit, variant) in variants)
        {
            var without = await classifier.ClassifyAsync(variant, cancellationToken).ConfigureAwait(false);
            attributions.Add(unit with { Weight = full.PFake - without.PFake });
        }

        return new Explanation(full, AttributionGranularity.Word, attributions);
    }

    private static IEnumerable<Attribution> Words(string text, string source) =>
        TextSegmenter.Chunks(text)
            .Select(chunk => TextSegmenter.TrimPunctuation(text, chunk))
            .Where(word => word.Length > 0)
            .Select(word => new Attribution(source, null, word.Start, word.End, text[word.Start..word.End], 0));

    private static string Delete(string text, Attribution unit) => text[..unit.Start] + text[unit.End..];

    private static Dictionary<string, string?> Without(ArticleMetadata metadata, string field) =>
        ArticleMetadata.FieldNames.Where(name => name != field).ToDictionary(name => name, name => ExplanationPlanner.ValueOf(metadata, name));
}

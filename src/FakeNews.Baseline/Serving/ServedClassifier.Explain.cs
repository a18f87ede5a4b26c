using FakeNews.Core.Classification;
using FakeNews.Core.Explanations;

namespace FakeNews.Baseline.Serving;

public sealed partial class ServedClassifier : ITextExplainer
{
    /// <summary>
    /// Classifies one text and attributes the verdict to its units: the transformer's batched occlusion
    /// (<see cref="Inference.FakeNewsClassifier.ExplainAsync"/>), or for the baseline one classification per deleted
    /// word or dropped metadata field (<see cref="DeletionExplainer"/>).
    /// </summary>
    /// <exception cref="ClassificationException">As for <see cref="ClassifyAsync"/>, for the same requests.</exception>
    public Task<Explanation> ExplainAsync(ClassificationRequest request, CancellationToken cancellationToken = default) =>
        Transformer?.ExplainAsync(request, cancellationToken) ?? DeletionExplainer.ExplainAsync(Baseline!, request, cancellationToken);

    /// <summary>Explains many texts and returns the explanations in request order; the first failure is thrown.</summary>
    /// <exception cref="ClassificationException">As for <see cref="ExplainAsync"/>.</exception>
    public async Task<IReadOnlyList<Explanation>> ExplainManyAsync(
        IReadOnlyList<ClassificationRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (Transformer is not null)
        {
            return await Transformer.ExplainManyAsync(requests, cancellationToken).ConfigureAwait(false);
        }

        var results = new Explanation[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            results[i] = await ExplainAsync(requests[i], cancellationToken).ConfigureAwait(false);
        }

        return results;
    }
}

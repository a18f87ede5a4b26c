using FakeNews.Core.Classification;
using FakeNews.Core.Concurrency;
using FakeNews.Core.Explanations;
using FakeNews.Evaluation.Data;

namespace FakeNews.Evaluation.Explanations;

/// <summary>
/// Explains examples through an <see cref="ITextExplainer"/> (the hosts' pipeline), keeping up to <c>maxInFlight</c>
/// explanations outstanding so their occluded sequences share batches. A failure stops the run, as in scoring.
/// </summary>
public static class ExampleExplainer
{
    /// <summary>The explanation of every example in <paramref name="examples"/>, by example id.</summary>
    /// <exception cref="EvaluationException">An example could not be explained (its id, line and reason are named).</exception>
    public static async Task<IReadOnlyDictionary<string, Explanation>> ExplainAsync(
        IReadOnlyList<EvalExample> examples,
        ITextExplainer explainer,
        bool useMetadata,
        int maxInFlight,
        Action? onExplained = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(explainer);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        var results = new Dictionary<string, Explanation>(examples.Count, StringComparer.Ordinal);
        await BoundedInOrder.ForEachAsync(
            examples,
            (example, token) => ExplainOneAsync(example, explainer, useMetadata, token),
            explained =>
            {
                results[explained.Id] = explained.Explanation;
                onExplained?.Invoke();
                return ValueTask.CompletedTask;
            },
            maxInFlight,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return results;
    }

    private static async Task<(string Id, Explanation Explanation)> ExplainOneAsync(
        EvalExample example, ITextExplainer explainer, bool useMetadata, CancellationToken cancellationToken)
    {
        try
        {
            return (example.Id, await explainer.ExplainAsync(example.ToRequest(useMetadata), cancellationToken).ConfigureAwait(false));
        }
        catch (ClassificationException e)
        {
            throw new EvaluationException($"example '{example.Id}' (line {example.Line}) could not be explained: {e.Message}", e);
        }
    }
}

using FakeNews.Core.Classification;
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
        using var gate = new SemaphoreSlim(maxInFlight);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = new List<Task>(examples.Count);
        try
        {
            foreach (var example in examples)
            {
                await gate.WaitAsync(stop.Token).ConfigureAwait(false);
                tasks.Add(ExplainOneAsync(example));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // An explanation failed and stopped the rest: its EvaluationException is rethrown just below.
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        return results;

        async Task ExplainOneAsync(EvalExample example)
        {
            try
            {
                var explanation = await explainer.ExplainAsync(example.ToRequest(useMetadata), stop.Token).ConfigureAwait(false);
                lock (results)
                {
                    results[example.Id] = explanation;
                }

                onExplained?.Invoke();
            }
            catch (ClassificationException e)
            {
                await stop.CancelAsync().ConfigureAwait(false);
                throw new EvaluationException($"example '{example.Id}' (line {example.Line}) could not be explained: {e.Message}", e);
            }
            finally
            {
                gate.Release();
            }
        }
    }
}

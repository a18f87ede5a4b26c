using FakeNews.Core.Classification;
using FakeNews.Core.Concurrency;
using FakeNews.Evaluation.Data;

namespace FakeNews.Evaluation.Scoring;

/// <summary>
/// Scores every example through an <see cref="ITextClassifier"/> (the hosts' pipeline), keeping up to
/// <c>maxInFlight</c> requests outstanding so the dynamic batcher can fill batches. Results come back in input order.
/// An example that fails to classify stops the run: metrics over a silently shrunken set would mislead.
/// </summary>
public static class EvaluationScorer
{
    /// <summary>Scores <paramref name="examples"/>; <paramref name="onScored"/> is called once per example, in order.</summary>
    /// <exception cref="EvaluationException">An example could not be classified (its id, line and reason are named).</exception>
    public static async Task<IReadOnlyList<Prediction>> ScoreAsync(
        IReadOnlyList<EvalExample> examples,
        ITextClassifier classifier,
        bool useMetadata,
        int maxInFlight,
        Action<Prediction>? onScored = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        var predictions = new List<Prediction>(examples.Count);
        await BoundedInOrder.ForEachAsync(
            examples,
            (example, token) => PredictAsync(example, classifier, useMetadata, token),
            prediction =>
            {
                predictions.Add(prediction);
                onScored?.Invoke(prediction);
                return ValueTask.CompletedTask;
            },
            maxInFlight,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return predictions;
    }

    private static async Task<Prediction> PredictAsync(
        EvalExample example, ITextClassifier classifier, bool useMetadata, CancellationToken cancellationToken)
    {
        try
        {
            var result = await classifier.ClassifyAsync(example.ToRequest(useMetadata), cancellationToken).ConfigureAwait(false);
            return new Prediction(example, result.Label == Labels.Fake, result.PFake, result.Tokens);
        }
        catch (ClassificationException e)
        {
            throw new EvaluationException($"example '{example.Id}' (line {example.Line}) could not be classified: {e.Message}", e);
        }
    }
}

using FakeNews.Core.Classification;
using FakeNews.Core.Concurrency;
using FakeNews.Evaluation.Data;

namespace FakeNews.Evaluation.Scoring;

/// <summary>
/// Scores every example through an <see cref="ITextClassifier"/> (the hosts' pipeline), keeping up to
/// <c>maxInFlight</c> requests outstanding so the dynamic batcher can fill batches. Results come back in input order.
/// An example that fails to classify stops the run: metrics over a silently shrunken set would mislead. Only when the
/// caller passes a <c>refused</c> collection are examples the classifier refuses as input (not English, only a link)
/// collected there, named, and left out.
/// </summary>
public static class EvaluationScorer
{
    /// <summary>
    /// Scores <paramref name="examples"/>; <paramref name="onScored"/> is called once per scored example, and each
    /// refusal is added to <paramref name="refused"/>, both in input order.
    /// </summary>
    /// <exception cref="EvaluationException">An example could not be classified (its id, line and reason are named).</exception>
    public static async Task<IReadOnlyList<Prediction>> ScoreAsync(
        IReadOnlyList<EvalExample> examples,
        ITextClassifier classifier,
        bool useMetadata,
        int maxInFlight,
        Action<Prediction>? onScored = null,
        ICollection<Refusal>? refused = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        var predictions = new List<Prediction>(examples.Count);
        await BoundedInOrder.ForEachAsync(
            examples,
            (example, token) => PredictAsync(example, classifier, useMetadata, refused is not null, token),
            outcome =>
            {
                if (outcome.Prediction is { } prediction)
                {
                    predictions.Add(prediction);
                    onScored?.Invoke(prediction);
                }
                else
                {
                    refused!.Add(outcome.Refusal!);
                }

                return ValueTask.CompletedTask;
            },
            maxInFlight,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return predictions;
    }

    private static async Task<Outcome> PredictAsync(
        EvalExample example, ITextClassifier classifier, bool useMetadata, bool skipRefused, CancellationToken cancellationToken)
    {
        try
        {
            var result = await classifier.ClassifyAsync(example.ToRequest(useMetadata), cancellationToken).ConfigureAwait(false);
            return new Outcome(new Prediction(example, result.Label == Labels.Fake, result.PFake, result.Tokens), null);
        }
        catch (ClassificationException e) when (skipRefused && e.IsInputFault)
        {
            return new Outcome(null, new Refusal(example.Id, example.Line, e.Message));
        }
        catch (ClassificationException e)
        {
            throw new EvaluationException($"example '{example.Id}' (line {example.Line}) could not be classified: {e.Message}", e);
        }
    }

    private sealed record Outcome(Prediction? Prediction, Refusal? Refusal);
}

/// <summary>An example the classifier refused as input, left out of the metrics.</summary>
/// <param name="Id">The example's id.</param>
/// <param name="Line">Its line in the data file.</param>
/// <param name="Reason">The classifier's message.</param>
public sealed record Refusal(string Id, int Line, string Reason);

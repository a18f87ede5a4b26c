using FakeNews.Core.Classification;
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
        var pending = new Queue<(EvalExample Example, Task<ClassificationResult> Task)>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            foreach (var example in examples)
            {
                if (pending.Count >= maxInFlight)
                {
                    await CompleteOneAsync(pending, predictions, onScored).ConfigureAwait(false);
                }

                pending.Enqueue((example, classifier.ClassifyAsync(example.ToRequest(useMetadata), stop.Token)));
            }

            while (pending.Count > 0)
            {
                await CompleteOneAsync(pending, predictions, onScored).ConfigureAwait(false);
            }
        }
        catch
        {
            // Drop what is still queued and observe it, so no task fails unobserved.
            await stop.CancelAsync().ConfigureAwait(false);
            foreach (var (_, task) in pending)
            {
                try
                {
                    await task.ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or ClassificationException)
                {
                }
            }

            throw;
        }

        return predictions;
    }

    private static async Task CompleteOneAsync(
        Queue<(EvalExample Example, Task<ClassificationResult> Task)> pending, List<Prediction> predictions, Action<Prediction>? onScored)
    {
        var (example, task) = pending.Dequeue();
        ClassificationResult result;
        try
        {
            result = await task.ConfigureAwait(false);
        }
        catch (ClassificationException e)
        {
            throw new EvaluationException($"example '{example.Id}' (line {example.Line}) could not be classified: {e.Message}", e);
        }

        var prediction = new Prediction(example, result.Label == Labels.Fake, result.PFake, result.Tokens);
        predictions.Add(prediction);
        onScored?.Invoke(prediction);
    }
}

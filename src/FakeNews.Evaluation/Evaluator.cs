using FakeNews.Core.Classification;
using FakeNews.Evaluation.Data;
using FakeNews.Evaluation.Metrics;
using FakeNews.Evaluation.Scoring;

namespace FakeNews.Evaluation;

/// <summary>One evaluation end to end: score a validated data set through a classifier, then analyse.</summary>
public static class Evaluator
{
    /// <summary>
    /// Scores <paramref name="dataset"/> with <paramref name="classifier"/> and analyses the predictions. With
    /// <paramref name="refused"/>, examples refused as input are collected there and left out of the analysis.
    /// </summary>
    /// <exception cref="EvaluationException">An example could not be classified.</exception>
    public static async Task<EvaluationResult> RunAsync(
        EvalDataset dataset,
        ITextClassifier classifier,
        ModelRunInfo model,
        int maxInFlight,
        Action<Prediction>? onScored = null,
        int bootstrapSamples = Bootstrap.DefaultSamples,
        ulong seed = Bootstrap.DefaultSeed,
        ICollection<Refusal>? refused = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(model);
        var predictions = await EvaluationScorer.ScoreAsync(dataset.Examples, classifier, model.MetadataInput, maxInFlight, onScored, refused, cancellationToken)
            .ConfigureAwait(false);
        if (predictions.Count == 0)
        {
            throw new EvaluationException($"the classifier refused all {dataset.Examples.Count} examples as input; nothing to evaluate");
        }

        var data = new DataInfo(dataset.Path, dataset.Sha256, dataset.Format.ToString().ToLowerInvariant());
        return EvaluationAnalyzer.Analyze(data, model, predictions, bootstrapSamples, seed);
    }
}

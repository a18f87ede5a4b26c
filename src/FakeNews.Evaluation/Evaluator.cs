using FakeNews.Core.Classification;
using FakeNews.Evaluation.Data;
using FakeNews.Evaluation.Metrics;
using FakeNews.Evaluation.Scoring;

namespace FakeNews.Evaluation;

/// <summary>One evaluation end to end: score a validated data set through a classifier, then analyse.</summary>
public static class Evaluator
{
    /// <summary>Scores <paramref name="dataset"/> with <paramref name="classifier"/> and analyses the predictions.</summary>
    /// <exception cref="EvaluationException">An example could not be classified.</exception>
    public static async Task<EvaluationResult> RunAsync(
        EvalDataset dataset,
        ITextClassifier classifier,
        ModelRunInfo model,
        int maxInFlight,
        Action<Prediction>? onScored = null,
        int bootstrapSamples = Bootstrap.DefaultSamples,
        ulong seed = Bootstrap.DefaultSeed,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(model);
        var predictions = await EvaluationScorer.ScoreAsync(dataset.Examples, classifier, model.MetadataInput, maxInFlight, onScored, cancellationToken)
            .ConfigureAwait(false);
        var data = new DataInfo(dataset.Path, dataset.Sha256, dataset.Format.ToString().ToLowerInvariant());
        return EvaluationAnalyzer.Analyze(data, model, predictions, bootstrapSamples, seed);
    }
}

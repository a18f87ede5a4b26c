using FakeNews.Evaluation.Metrics;
using FakeNews.Evaluation.Scoring;
using FakeNews.Evaluation.Slices;

namespace FakeNews.Evaluation;

/// <summary>Turns predictions into an <see cref="EvaluationResult"/>: metrics, bootstrap intervals, slices, error lists.</summary>
public static class EvaluationAnalyzer
{
    /// <summary>Length of each error list.</summary>
    public const int ErrorListSize = 25;

    /// <summary>Analyses <paramref name="predictions"/> (non-empty). Deterministic for a given seed.</summary>
    public static EvaluationResult Analyze(
        DataInfo data,
        ModelRunInfo model,
        IReadOnlyList<Prediction> predictions,
        int bootstrapSamples = Bootstrap.DefaultSamples,
        ulong seed = Bootstrap.DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        if (predictions.Count == 0)
        {
            throw new EvaluationException("nothing to analyse: no predictions");
        }

        var truth = predictions.Select(p => p.Example.IsFake).ToArray();
        var predicted = predictions.Select(p => p.PredictedFake).ToArray();
        var scores = predictions.Select(p => p.PFake).ToArray();
        var metrics = MetricsCalculator.Compute(truth, predicted, scores);
        var intervals = Bootstrap.Intervals(
            predictions.Count,
            [
                idx => MetricsCalculator.Accuracy(Bootstrap.Pick(truth, idx), Bootstrap.Pick(predicted, idx)),
                idx => Ranking.RocAuc(Bootstrap.Pick(truth, idx), Bootstrap.Pick(scores, idx)),
            ],
            bootstrapSamples,
            seed);
        return new EvaluationResult(
            data,
            model,
            predictions,
            metrics,
            intervals[0],
            metrics.RocAuc is null ? null : intervals[1],
            bootstrapSamples,
            seed,
            SliceAnalyzer.Analyze(predictions),
            ErrorListsOf(predictions, model.Threshold),
            Calibration.Reliability(truth, scores));
    }

    /// <summary>The three error lists; ties keep file order.</summary>
    public static ErrorLists ErrorListsOf(IReadOnlyList<Prediction> predictions, double threshold) => new(
        predictions.Where(p => !p.Example.IsFake && p.PredictedFake).OrderByDescending(p => p.PFake).Take(ErrorListSize).ToList(),
        predictions.Where(p => p.Example.IsFake && !p.PredictedFake).OrderBy(p => p.PFake).Take(ErrorListSize).ToList(),
        predictions.OrderBy(p => Math.Abs(p.PFake - threshold)).Take(ErrorListSize).ToList());
}

using System.Diagnostics;
using FakeNews.Baseline.Features;
using FakeNews.Core.Data;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace FakeNews.Baseline.Training;

/// <summary>
/// Trains the classical baseline on LIAR: every algorithm of the options with leak-free speaker history, keeps the
/// best on valid by ROC-AUC, then retrains that algorithm with the leaky count columns and with no history to show
/// how much of the apparent gain of the counts is leakage. Single-threaded use; CPU-bound for tens of seconds.
/// </summary>
public static class BaselineTrainer
{
    /// <summary>Runs the whole training; <paramref name="log"/> gets one line per model.</summary>
    /// <param name="train">Training rows (history is computed from these only).</param>
    /// <param name="valid">Validation rows (model selection and reported metrics).</param>
    /// <param name="options">Settings; validated here.</param>
    /// <param name="log">Progress lines, or null.</param>
    /// <param name="cancellationToken">Checked between models.</param>
    public static TrainingRun Train(
        IReadOnlyList<LiarRow> train,
        IReadOnlyList<LiarRow> valid,
        BaselineTrainerOptions options,
        Action<string>? log = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(valid);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (train.Count == 0 || valid.Count == 0)
        {
            throw new ArgumentException($"Need training and valid rows; got {train.Count} and {valid.Count}.", nameof(train));
        }

        var candidates = new List<TrainedModel>();
        foreach (var algorithm in options.Algorithms)
        {
            cancellationToken.ThrowIfCancellationRequested();
            candidates.Add(Report(TrainOne(train, valid, algorithm, HistorySource.LeakFree, options), log));
        }

        var best = candidates.OrderByDescending(c => c.Valid.RocAuc).First();
        var ablations = new List<TrainedModel>();
        foreach (var source in new[] { HistorySource.LeakyColumns, HistorySource.None })
        {
            cancellationToken.ThrowIfCancellationRequested();
            ablations.Add(Report(TrainOne(train, valid, best.Algorithm, source, options), log));
        }

        return new TrainingRun(best, candidates, ablations, SpeakerHistory.FromRows(train));
    }

    /// <summary>Fits one pipeline and scores the valid rows with it.</summary>
    public static TrainedModel TrainOne(
        IReadOnlyList<LiarRow> train, IReadOnlyList<LiarRow> valid, BaselineAlgorithm algorithm, HistorySource source, BaselineTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(valid);
        ArgumentNullException.ThrowIfNull(options);
        var started = Stopwatch.GetTimestamp();
        var ml = new MLContext(options.Seed);
        var (trainHistory, validHistory) = HistoryFeatures(train, valid, source, options);
        var trainView = ml.Data.LoadFromEnumerable(Inputs(train, trainHistory));
        var validInputs = Inputs(valid, validHistory);

        var featurizer = Featurizer.Build(ml, options.MaxWordNgrams, options.MaxCharNgrams).Fit(trainView);
        var features = ml.Data.Cache(featurizer.Transform(trainView));
        ITransformer model = algorithm switch
        {
            BaselineAlgorithm.LightGbm => new TransformerChain<ITransformer>(featurizer, ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                NumberOfIterations = options.BoostingRounds,
                LearningRate = options.LearningRate,
                NumberOfLeaves = 31,
                MinimumExampleCountPerLeaf = 20,
                Seed = options.Seed,
                NumberOfThreads = 1,
                Verbose = false,
                Silent = true,
            }).Fit(features)),
            BaselineAlgorithm.FastForest => FitForest(ml, featurizer, features, options),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown algorithm."),
        };

        var pFake = Predict(ml, model, validInputs);
        var metrics = ValidMetrics.Compute(valid.Select(r => r.IsFake).ToList(), pFake);
        return new TrainedModel(algorithm, source, model, trainView.Schema, metrics, pFake, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>p_fake of each input through a fitted chain, by batch transform (the trainer's own path).</summary>
    public static float[] Predict(MLContext ml, ITransformer model, IEnumerable<BaselineInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(model);
        var scored = model.Transform(ml.Data.LoadFromEnumerable(inputs));
        return scored.GetColumn<float>("Probability").ToArray();
    }

    /// <summary>History features of train and valid rows for a source (see <see cref="HistorySource"/>).</summary>
    public static (float[][] Train, float[][] Valid) HistoryFeatures(
        IReadOnlyList<LiarRow> train, IReadOnlyList<LiarRow> valid, HistorySource source, BaselineTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(valid);
        ArgumentNullException.ThrowIfNull(options);
        switch (source)
        {
            case HistorySource.LeakFree:
                var all = SpeakerHistory.FromRows(train);
                return (SpeakerHistory.OutOfFold(train, options.Folds, options.Seed), valid.Select(r => all.Features(r.Speaker)).ToArray());
            case HistorySource.LeakyColumns:
                return (train.Select(r => SpeakerHistory.FeaturesFromCounts(r.LeakyCounts)).ToArray(),
                        valid.Select(r => SpeakerHistory.FeaturesFromCounts(r.LeakyCounts)).ToArray());
            case HistorySource.None:
                return (train.Select(_ => new float[SpeakerHistory.FeatureCount]).ToArray(),
                        valid.Select(_ => new float[SpeakerHistory.FeatureCount]).ToArray());
            default:
                throw new ArgumentOutOfRangeException(nameof(source), source, "Unknown history source.");
        }
    }

    /// <summary>The pipeline rows of <paramref name="rows"/> with the given history features.</summary>
    public static List<BaselineInput> Inputs(IReadOnlyList<LiarRow> rows, IReadOnlyList<float[]> history)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(history);
        return rows.Select((r, i) => BaselineInput.Create(r.ToRequest(), history[i], r.IsFake)).ToList();
    }

    private static TransformerChain<ITransformer> FitForest(MLContext ml, ITransformer featurizer, IDataView features, BaselineTrainerOptions options)
    {
        var forest = ml.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options
        {
            NumberOfTrees = options.ForestTrees,
            NumberOfLeaves = 64,
            MinimumExampleCountPerLeaf = 5,
            FeatureFraction = 0.3,
            NumberOfThreads = 1,
        }).Fit(features);

        // The forest scores without probabilities; Platt scaling maps its score to p_fake. Fitted on the training rows
        // (in-sample forest scores are over-confident, so valid log-loss is the honest check).
        var calibrator = ml.BinaryClassification.Calibrators.Platt().Fit(forest.Transform(features));
        return new TransformerChain<ITransformer>(featurizer, forest, calibrator);
    }

    private static TrainedModel Report(TrainedModel model, Action<string>? log)
    {
        log?.Invoke(FormattableString.Invariant(
            $"{model.Algorithm} ({model.History}): valid roc_auc {model.Valid.RocAuc:F4} accuracy {model.Valid.Accuracy:F4} f1_fake {model.Valid.F1Fake:F4} log_loss {model.Valid.LogLoss:F4} in {model.TrainSeconds:F1} s"));
        return model;
    }
}

using System.Globalization;
using System.Text.Json;
using FakeNews.Baseline.Serving;
using FakeNews.Core.Data;

namespace FakeNews.Baseline.Training;

/// <summary>The <c>train-baseline</c> workflow: read LIAR files, train, write the model folder and its card.</summary>
public static class BaselineTraining
{
    /// <summary>The training report's file name inside the model folder.</summary>
    public const string ReportFileName = "training_report.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// Trains on <paramref name="trainPath"/>, selects on <paramref name="validPath"/>, and writes
    /// <c>config.json</c>, <c>model.zip</c>, <c>speaker_history.json</c>, <c>training_report.json</c> and
    /// <c>MODEL_CARD.md</c> to <paramref name="outDirectory"/>. Minutes of CPU on LIAR.
    /// </summary>
    /// <exception cref="DataFormatException">A data file is malformed; the message names the file and line.</exception>
    /// <exception cref="InvalidDataException">Another input is unusable; the message names it.</exception>
    public static TrainingRun Run(
        string trainPath, string validPath, string outDirectory, BaselineTrainerOptions options, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var train = LiarTsv.Read(trainPath);
        var valid = LiarTsv.Read(validPath);
        log?.Invoke($"read {train.Count} training rows from {trainPath} and {valid.Count} valid rows from {validPath}");
        var run = BaselineTrainer.Train(train, valid, options, log, cancellationToken);

        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(outDirectory)));
        var best = run.Best;
        var config = new BaselineConfig
        {
            Name = name,
            Version = "1.0.0",
            Trainer = best.Algorithm.ToString(),
            TrainingData = $"LIAR {Path.GetFileName(trainPath)} ({train.Count} rows); selected on {Path.GetFileName(validPath)} ({valid.Count} rows)",
            ValidMetrics = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["roc_auc"] = Math.Round(best.Valid.RocAuc, 6),
                ["accuracy"] = Math.Round(best.Valid.Accuracy, 6),
                ["f1_fake"] = Math.Round(best.Valid.F1Fake, 6),
                ["log_loss"] = Math.Round(best.Valid.LogLoss, 6),
            },
        };
        BaselineModel.Save(outDirectory, config, best, run.History);
        WriteReport(Path.Combine(outDirectory, ReportFileName), run, options);
        ModelCard.Write(outDirectory, ModelCard.Render(name, run, trainPath, validPath, train.Count, valid.Count, options));
        log?.Invoke($"kept {best.Algorithm} (valid roc_auc {best.Valid.RocAuc.ToString("F4", CultureInfo.InvariantCulture)}) in {Path.GetFullPath(outDirectory)}");
        return run;
    }

    private static void WriteReport(string path, TrainingRun run, BaselineTrainerOptions options)
    {
        var report = new
        {
            kept = run.Best.Algorithm.ToString(),
            seed = options.Seed,
            folds = options.Folds,
            forest_trees = options.ForestTrees,
            boosting_rounds = options.BoostingRounds,
            learning_rate = options.LearningRate,
            max_word_ngrams = options.MaxWordNgrams,
            max_char_ngrams = options.MaxCharNgrams,
            models = run.Candidates.Concat(run.Ablations).Select(m => new
            {
                algorithm = m.Algorithm.ToString(),
                history = m.History.ToString(),
                kept = ReferenceEquals(m, run.Best),
                roc_auc = m.Valid.RocAuc,
                accuracy = m.Valid.Accuracy,
                f1_fake = m.Valid.F1Fake,
                log_loss = m.Valid.LogLoss,
                fit_seconds = m.TrainSeconds,
            }),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(report, Indented) + "\n");
    }
}

using System.Globalization;
using System.Text;

namespace FakeNews.Baseline.Training;

/// <summary>
/// Writes <c>MODEL_CARD.md</c> for a training run. Text after <see cref="KeepMarker"/> in an existing card (the
/// committed comparison with the transformer) is kept, so retraining does not erase it.
/// </summary>
public static class ModelCard
{
    /// <summary>The file name inside the model folder.</summary>
    public const string FileName = "MODEL_CARD.md";

    /// <summary>Everything below this line in an existing card survives a rewrite.</summary>
    public const string KeepMarker = "<!-- kept on retraining: comparison below -->";

    /// <summary>Renders the card's generated part.</summary>
    public static string Render(string name, TrainingRun run, string trainPath, string validPath, int trainRows, int validRows, BaselineTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(options);
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine(c, $"# {name}: classical baseline (ML.NET)");
        s.AppendLine();
        s.AppendLine(c, $"Kept: **{run.Best.Algorithm}** (best valid ROC-AUC among {string.Join(", ", run.Candidates.Select(m => m.Algorithm))}).");
        s.AppendLine("Features: word 1-2-gram and character 3-gram TF-IDF of the text (L2), one-hot speaker, job, party, state and");
        s.AppendLine(c, $"context, a bag of subjects, and speaker history recomputed from training labels ({options.Folds}-fold out-of-fold");
        s.AppendLine("for training rows, all of train for valid and serving). Served by `fakenews --model` through ML.NET on the CPU.");
        s.AppendLine();
        s.AppendLine(c, $"Data: LIAR (William Yang Wang, \"Liar, Liar Pants on Fire\": A New Benchmark Dataset for Fake News Detection, ACL 2017;");
        s.AppendLine(c, $"research use only), `{Path.GetFileName(trainPath)}` ({trainRows} rows) for training, `{Path.GetFileName(validPath)}` ({validRows} rows) for");
        s.AppendLine("selection and the numbers below. Binary labels: pants-fire, false, barely-true are fake. Seed " + options.Seed.ToString(c) + ".");
        s.AppendLine();
        s.AppendLine("## Valid metrics (fake is positive, threshold 0.5)");
        s.AppendLine();
        s.AppendLine("| model | history | ROC-AUC | accuracy | F1 fake | log-loss | fit s |");
        s.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var m in run.Candidates.Concat(run.Ablations))
        {
            var kept = ReferenceEquals(m, run.Best) ? " (kept)" : string.Empty;
            s.AppendLine(c, $"| {m.Algorithm}{kept} | {Describe(m.History)} | {m.Valid.RocAuc:F4} | {m.Valid.Accuracy:F4} | {m.Valid.F1Fake:F4} | {m.Valid.LogLoss:F4} | {m.TrainSeconds:F0} |");
        }

        var leaky = run.Ablations.First(a => a.History == HistorySource.LeakyColumns);
        var none = run.Ablations.First(a => a.History == HistorySource.None);
        s.AppendLine();
        s.AppendLine("## How much of the count columns' gain is leakage");
        s.AppendLine();
        s.AppendLine(c, $"Fed as they come, the count columns lift valid ROC-AUC from {none.Valid.RocAuc:F4} (no history) to {leaky.Valid.RocAuc:F4}");
        s.AppendLine(c, $"(+{leaky.Valid.RocAuc - none.Valid.RocAuc:F4}); recomputed leak-free the history gives {run.Best.Valid.RocAuc:F4} ({run.Best.Valid.RocAuc - none.Valid.RocAuc:+0.0000;-0.0000}).");
        var gain = leaky.Valid.RocAuc - none.Valid.RocAuc;
        if (gain > 0)
        {
            var leak = Math.Clamp((leaky.Valid.RocAuc - run.Best.Valid.RocAuc) / gain, 0, 1);
            s.AppendLine(c, $"So {leak:P0} of the apparent ROC-AUC gain is leakage: each row's own label is inside its counts.");
        }

        s.AppendLine("The leaky model is not saved or served; the numbers are measured on the same valid rows by the same trainer.");
        s.AppendLine("Reproduce with `make baseline` (`fakenews train-baseline`); \"fit s\" is wall-clock featurizing plus fitting, single-threaded.");
        s.AppendLine();
        return s.ToString();
    }

    /// <summary>Writes the card, keeping the part of an existing card after <see cref="KeepMarker"/>.</summary>
    public static void Write(string directory, string generated)
    {
        ArgumentNullException.ThrowIfNull(generated);
        var path = Path.Combine(directory, FileName);
        var kept = string.Empty;
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path);
            var at = existing.IndexOf(KeepMarker, StringComparison.Ordinal);
            kept = at < 0 ? string.Empty : existing[(at + KeepMarker.Length)..];
        }

        File.WriteAllText(path, generated + KeepMarker + (kept.Length == 0 ? "\n" : kept));
    }

    private static string Describe(HistorySource source) => source switch
    {
        HistorySource.LeakFree => "leak-free (out-of-fold)",
        HistorySource.LeakyColumns => "**leaky count columns**",
        _ => "none",
    };
}

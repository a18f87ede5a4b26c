using System.Text;
using FakeNews.Evaluation.Scoring;
using FakeNews.Evaluation.Slices;

namespace FakeNews.Evaluation.Reports;

/// <summary>
/// <c>report.md</c>: a short summary for a pull request: headline metrics with intervals, confusion matrix, the slices
/// flagged as significantly worse, the weakest slices and the five most confident mistakes each way. It holds no
/// timings, paths or device names, so the same model on the same data gives the same file.
/// </summary>
public static class MarkdownReport
{
    /// <summary>The file name inside an eval folder.</summary>
    public const string FileName = "report.md";

    private const int WeakestSlices = 5;
    private const int MinWeakSliceSize = 20;
    private const int Mistakes = 5;

    /// <summary>Renders the report (LF line ends).</summary>
    public static string Render(EvaluationResult result)
    {
        var md = new StringBuilder();
        var m = result.Metrics;
        md.AppendLine($"# Evaluation of {result.Model.Id} on {Path.GetFileName(result.Data.Path)}").AppendLine();
        md.AppendLine($"{Text.N(m.N)} examples ({result.Data.Format}, sha256 `{result.Data.Sha256[..12]}`), " +
            $"{Text.N(m.Confusion.Tp + m.Confusion.Fn)} fake; model input: {(result.Model.MetadataInput ? "text + metadata" : "text only")}; " +
            $"{result.Model.Precision} weights; threshold {Text.F(result.Model.Threshold, 2)}; 95 % intervals from {Text.N(result.BootstrapSamples)} bootstrap resamples (seed {result.Seed}).");
        md.AppendLine();
        Text.Table(md, ["metric", "value", "95 % CI"], Text.Headline(result).Select(h => (IReadOnlyList<string>)[h.Name, h.Value, h.Ci]));
        md.AppendLine();
        md.AppendLine("Confusion matrix (rows: truth; fake is positive):").AppendLine();
        Text.Table(md, ["", "predicted fake", "predicted real"],
        [
            ["fake", Text.N(m.Confusion.Tp), Text.N(m.Confusion.Fn)],
            ["real", Text.N(m.Confusion.Fp), Text.N(m.Confusion.Tn)],
        ]);
        md.AppendLine();
        AppendSlices(md, result.Slices);
        AppendMistakes(md, "Most confident false positives (real called fake)", result.Errors.ConfidentFalsePositives);
        AppendMistakes(md, "Most confident false negatives (fake called real)", result.Errors.ConfidentFalseNegatives);
        return md.ToString().ReplaceLineEndings("\n");
    }

    private static void AppendSlices(StringBuilder md, IReadOnlyList<SliceResult> slices)
    {
        md.AppendLine("## Slices").AppendLine();
        var flagged = slices.Where(s => s.SignificantlyWorse).ToList();
        md.AppendLine($"{slices.Count} slices; flagged when accuracy is below overall and the one-sided exact binomial p-value of " +
            $"their error count at the overall error rate is below {SliceAnalyzer.Alpha} / {slices.Count} (Bonferroni).").AppendLine();
        if (flagged.Count == 0)
        {
            md.AppendLine("No slice is significantly worse than overall.").AppendLine();
        }
        else
        {
            md.AppendLine("Significantly worse:").AppendLine();
            Text.Table(md, ["slice", "n", "accuracy", "ROC-AUC", "p"], flagged.Select(Row));
            md.AppendLine();
        }

        var weakest = slices.Where(s => s.N >= MinWeakSliceSize).OrderBy(s => s.Accuracy).ThenBy(s => s.Key, StringComparer.Ordinal)
            .ThenBy(s => s.Value, StringComparer.Ordinal).Take(WeakestSlices).ToList();
        if (weakest.Count > 0)
        {
            md.AppendLine($"Lowest accuracy among slices with n >= {MinWeakSliceSize}:").AppendLine();
            Text.Table(md, ["slice", "n", "accuracy", "ROC-AUC", "p"], weakest.Select(Row));
            md.AppendLine();
        }
    }

    private static IReadOnlyList<string> Row(SliceResult s) =>
        [$"{s.Key} = {s.Value}", Text.N(s.N), Text.F(s.Accuracy), Text.F(s.RocAuc), Text.P(s.PValue)];

    private static void AppendMistakes(StringBuilder md, string title, IReadOnlyList<Prediction> mistakes)
    {
        md.AppendLine($"## {title}").AppendLine();
        if (mistakes.Count == 0)
        {
            md.AppendLine("None.").AppendLine();
            return;
        }

        Text.Table(md, ["id", "p_fake", "text"], mistakes.Take(Mistakes).Select(p =>
            (IReadOnlyList<string>)[p.Example.Id, Text.F(p.PFake), Text.Snippet(p.Example.Title is null ? p.Example.Text : p.Example.Title + " — " + p.Example.Text, 120)]));
        md.AppendLine();
    }
}

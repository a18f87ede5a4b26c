using System.Text;
using FakeNews.Core.Explanations;
using FakeNews.Evaluation.Scoring;
using FakeNews.Evaluation.Slices;

namespace FakeNews.Evaluation.Reports;

/// <summary>
/// <c>report.html</c>: one self-contained page readable offline (inline CSS, charts as SVG data URIs, no scripts):
/// headline metrics with intervals, confusion matrix, ROC and precision-recall curves, reliability diagram, score
/// histograms by class, the slice table and the three error lists with text and metadata; with explanations, each
/// listed text has its words (or sentences) highlighted by their attributed weight.
/// </summary>
public static class HtmlReport
{
    /// <summary>The file name inside an eval folder.</summary>
    public const string FileName = "report.html";

    /// <summary>
    /// Renders the page; <paramref name="notes"/> are extra run facts (wall time, batching) shown under the title, and
    /// <paramref name="explanations"/> (by example id) highlight the listed examples' texts.
    /// </summary>
    public static string Render(EvaluationResult result, IReadOnlyList<string>? notes = null, IReadOnlyDictionary<string, Explanation>? explanations = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var html = new StringBuilder();
        var m = result.Metrics;
        Html.Open(html, $"Evaluation of {result.Model.Id} on {Path.GetFileName(result.Data.Path)}");
        html.AppendLine("<p class=\"muted\">")
            .Append($"Data: {Html.E(result.Data.Path)} ({Html.E(result.Data.Format)}, sha256 {Html.E(result.Data.Sha256)}), {Text.N(m.N)} examples, ")
            .Append($"{Text.N(m.Confusion.Tp + m.Confusion.Fn)} fake.<br>Model: {Html.E(result.Model.Directory)} on {Html.E(result.Model.ExecutionProvider)} ({Html.E(result.Model.Precision)} weights), ")
            .Append($"threshold {Text.F(result.Model.Threshold, 2)}, input {(result.Model.MetadataInput ? "text + metadata" : "text only")}.<br>")
            .Append($"95 % intervals: percentile bootstrap, {Text.N(result.BootstrapSamples)} resamples, seed {result.Seed}.");
        foreach (var note in notes ?? [])
        {
            html.Append("<br>").Append(Html.E(note));
        }

        html.AppendLine("</p>");
        html.AppendLine("<h2>Headline metrics</h2>");
        Html.Table(html, ["metric", "value", "95 % CI"], Text.Headline(result).Select(h => (IReadOnlyList<string>)[Html.E(h.Name), h.Value, h.Ci]), c => c > 0);
        html.AppendLine("<h2>Confusion matrix</h2>");
        Html.Table(html, ["truth \\ prediction", "fake", "real"],
        [
            ["fake", Text.N(m.Confusion.Tp) + " (TP)", Text.N(m.Confusion.Fn) + " (FN)"],
            ["real", Text.N(m.Confusion.Fp) + " (FP)", Text.N(m.Confusion.Tn) + " (TN)"],
        ], c => c > 0);
        html.AppendLine("<h2>Curves and calibration</h2><div class=\"charts\">");
        html.AppendLine(Html.Svg(Charts.Roc(result.Predictions), "ROC curve"));
        html.AppendLine(Html.Svg(Charts.PrecisionRecall(result.Predictions), "precision-recall curve"));
        html.AppendLine(Html.Svg(Charts.Reliability(result.Reliability), "reliability diagram"));
        html.AppendLine(Html.Svg(Charts.ScoreHistogram(result.Predictions), "p_fake histograms by class"));
        html.AppendLine("</div>");
        AppendSlices(html, result.Slices);
        if (explanations is not null)
        {
            html.AppendLine(HighlightedText.Legend);
        }

        AppendErrors(html, "Most confident false positives (real called fake)", result.Errors.ConfidentFalsePositives, explanations);
        AppendErrors(html, "Most confident false negatives (fake called real)", result.Errors.ConfidentFalseNegatives, explanations);
        AppendErrors(html, $"Least confident predictions (p_fake closest to {Text.F(result.Model.Threshold, 2)})", result.Errors.LeastConfident, explanations);
        Html.Close(html);
        return html.ToString();
    }

    private static void AppendSlices(StringBuilder html, IReadOnlyList<SliceResult> slices)
    {
        html.AppendLine("<h2>Slices</h2>");
        html.AppendLine($"<p class=\"muted\">At most {SliceAnalyzer.MaxValuesPerKey} most frequent values per key; subjects are split on commas. " +
            $"Highlighted rows are significantly worse than overall: accuracy below overall and a one-sided exact binomial p-value " +
            $"(errors at the overall error rate) below {SliceAnalyzer.Alpha} / {slices.Count} (Bonferroni).</p>");
        Html.Table(
            html,
            ["key", "value", "n", "fake", "accuracy", "ROC-AUC", "p"],
            slices.Select(s => (IReadOnlyList<string>)[Html.E(s.Key), Html.E(s.Value), Text.N(s.N), Text.N(s.Fake), Text.F(s.Accuracy), Text.F(s.RocAuc), Text.P(s.PValue)]),
            c => c >= 2,
            r => slices[r].SignificantlyWorse);
    }

    internal static void AppendErrors(
        StringBuilder html, string title, IReadOnlyList<Prediction> predictions, IReadOnlyDictionary<string, Explanation>? explanations = null)
    {
        html.AppendLine($"<h2>{Html.E(title)}</h2>");
        if (predictions.Count == 0)
        {
            html.AppendLine("<p>None.</p>");
            return;
        }

        Html.Table(
            html,
            ["id", "label", "prediction", "p_fake", "metadata", "text"],
            predictions.Select(p => (IReadOnlyList<string>)[Html.E(p.Example.Id), p.Example.Label, p.PredictedLabel, Text.F(p.PFake), Metadata(p),
                explanations?.GetValueOrDefault(p.Example.Id) is { } explanation ? HighlightedText.Cell(p.Example, explanation) : TextCell(p)]),
            c => c == 3);
    }

    private static string Metadata(Prediction p)
    {
        // Metadata first (job included), then the slice keys that are not metadata (six-way label, source_dataset, ...).
        var metadata = p.Example.Metadata is { } m ? JsonOutput.MetadataFields(m).ToList() : [];
        var others = p.Example.Keys.Where(k => k.Value.Length > 0 && !Core.Classification.ArticleMetadata.FieldNames.Contains(k.Key));
        var fields = metadata.Select(f => $"{f.Name}: {f.Value}").Concat(others.Select(k => $"{k.Key}: {k.Value}"));
        return string.Join("<br>", fields.Select(Html.E));
    }

    private static string TextCell(Prediction p)
    {
        var title = p.Example.Title is null ? string.Empty : $"<b>{Html.E(p.Example.Title)}</b><br>";
        var text = p.Example.Text;
        return text.Length <= 400
            ? $"<div class=\"text\">{title}{Html.E(text)}</div>"
            : $"<div class=\"text\">{title}<details><summary>{Html.E(Text.Snippet(text, 300))}</summary>{Html.E(text)}</details></div>";
    }
}

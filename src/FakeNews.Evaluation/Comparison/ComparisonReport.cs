using System.Text;
using FakeNews.Evaluation.Metrics;
using FakeNews.Evaluation.Reports;

namespace FakeNews.Evaluation.Comparison;

/// <summary>The comparison rendered as markdown (for a pull request) and as a self-contained HTML page.</summary>
public static class ComparisonReport
{
    private const int SlicesShown = 15;

    /// <summary>Every metric by its metrics.json name, in that file's order (confusion counts included).</summary>
    public static IReadOnlyList<(string Name, double? Value)> MetricRows(BinaryMetrics m) =>
    [
        ("accuracy", m.Accuracy), ("roc_auc", m.RocAuc), ("pr_auc", m.PrAuc), ("f1_fake", m.F1Fake), ("precision_fake", m.PrecisionFake),
        ("recall_fake", m.RecallFake), ("f1_real", m.F1Real), ("macro_f1", m.MacroF1), ("log_loss", m.LogLoss), ("brier", m.Brier),
        ("ece", m.Ece), ("tp", m.Confusion.Tp), ("fp", m.Confusion.Fp), ("tn", m.Confusion.Tn), ("fn", m.Confusion.Fn),
    ];

    /// <summary>comparison.md.</summary>
    public static string Markdown(ComparisonResult r)
    {
        var md = new StringBuilder();
        md.AppendLine($"# {r.B.Folder.Model.Id} (B) vs {r.A.Folder.Model.Id} (A) on {Path.GetFileName(r.A.Folder.Data.Path)}").AppendLine();
        md.AppendLine(Summary(r)).AppendLine();
        Text.Table(md, ["metric", "A", "B", "B - A"], SideBySide(r));
        md.AppendLine();
        md.AppendLine($"Largest slice differences (|B - A|, n >= 20; exact McNemar p within the slice, uncorrected):").AppendLine();
        Text.Table(md, ["slice", "n", "A", "B", "B - A", "p"], TopSlices(r).Select(s =>
            (IReadOnlyList<string>)[$"{s.Key} = {s.Value}", Text.N(s.N), Text.F(s.AccuracyA), Text.F(s.AccuracyB), Text.Signed(s.Difference), Text.P(s.McNemarP)]));
        md.AppendLine();
        if (r.Disagreements.Count == 0)
        {
            md.AppendLine("No example gets different labels.");
            return md.ToString().ReplaceLineEndings("\n");
        }

        md.AppendLine($"{Text.N(r.Disagreements.Count)} examples get different labels; the first {Math.Min(10, r.Disagreements.Count)}:").AppendLine();
        Text.Table(md, ["id", "label", "A p_fake", "B p_fake", "text"], r.Disagreements.Take(10).Select(d =>
            (IReadOnlyList<string>)[d.A.Example.Id, d.A.Example.Label, Text.F(d.A.PFake), Text.F(d.B.PFake), Text.Snippet(d.A.Example.Text, 100)]));
        return md.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>comparison.html.</summary>
    public static string Html(ComparisonResult r)
    {
        var html = new StringBuilder();
        Reports.Html.Open(html, $"{r.B.Folder.Model.Id} (B) vs {r.A.Folder.Model.Id} (A) on {Path.GetFileName(r.A.Folder.Data.Path)}");
        html.AppendLine($"<p>{Reports.Html.E(Summary(r))}</p><p class=\"muted\">A: {Reports.Html.E(r.A.Folder.Directory)}<br>B: {Reports.Html.E(r.B.Folder.Directory)}</p>");
        html.AppendLine("<h2>Metrics</h2>");
        Reports.Html.Table(html, ["metric", "A", "B", "B - A"], SideBySide(r).Select(row => (IReadOnlyList<string>)row.Select(Reports.Html.E).ToList()), c => c > 0);
        html.AppendLine("<h2>ROC curves</h2><div class=\"charts\">");
        html.AppendLine(Reports.Html.Svg(Charts.Roc(r.A.Folder.Predictions, "ROC curve of A"), "ROC curve of A"));
        html.AppendLine(Reports.Html.Svg(Charts.Roc(r.B.Folder.Predictions, "ROC curve of B"), "ROC curve of B"));
        html.AppendLine("</div><h2>Slices</h2><p class=\"muted\">Exact McNemar p-values within each slice, not corrected for the number of slices.</p>");
        Reports.Html.Table(html, ["key", "value", "n", "A", "B", "B - A", "p"], r.Slices.Select(s =>
            (IReadOnlyList<string>)[Reports.Html.E(s.Key), Reports.Html.E(s.Value), Text.N(s.N), Text.F(s.AccuracyA), Text.F(s.AccuracyB), Text.Signed(s.Difference), Text.P(s.McNemarP)]), c => c >= 2);
        html.AppendLine($"<h2>Disagreements ({Text.N(r.Disagreements.Count)}; first {Math.Min(ComparisonOutput.DisagreementsShown, r.Disagreements.Count)} shown, all in disagreements.jsonl)</h2>");
        Reports.Html.Table(html, ["id", "label", "A", "B", "text"], r.Disagreements.Take(ComparisonOutput.DisagreementsShown).Select(d =>
            (IReadOnlyList<string>)[Reports.Html.E(d.A.Example.Id), d.A.Example.Label, $"{d.A.PredictedLabel} ({Text.F(d.A.PFake)})", $"{d.B.PredictedLabel} ({Text.F(d.B.PFake)})", Reports.Html.E(Text.Snippet(d.A.Example.Text, 300))]));
        Reports.Html.Close(html);
        return html.ToString();
    }

    private static string Summary(ComparisonResult r) =>
        $"{Text.N(r.A.Metrics.N)} paired examples. Accuracy B - A = {Text.Signed(r.AccuracyDifference)}, paired bootstrap 95 % CI {Text.Ci(r.AccuracyDifferenceCi)} " +
        $"({Text.N(r.BootstrapSamples)} resamples, seed {r.Seed}). McNemar: A alone wrong on {r.McNemar.OnlyAWrong}, B alone wrong on {r.McNemar.OnlyBWrong}; " +
        $"exact p = {Text.P(r.McNemar.ExactP)}, chi-square with continuity correction = {Text.F(r.McNemar.ChiSquare)} (p = {Text.P(r.McNemar.ChiSquareP)}).";

    private static IEnumerable<IReadOnlyList<string>> SideBySide(ComparisonResult r)
    {
        var a = MetricRows(r.A.Metrics);
        var b = MetricRows(r.B.Metrics);
        for (var i = 0; i < a.Count; i++)
        {
            var counts = a[i].Name.Length == 2;
            string Show(double? v) => counts && v is { } c ? Text.N((int)c) : Text.F(v);
            var difference = a[i].Value is { } x && b[i].Value is { } y ? (counts ? (y - x >= 0 ? "+" : string.Empty) + Text.N((int)(y - x)) : Text.Signed(y - x)) : "n/a";
            yield return [a[i].Name, Show(a[i].Value), Show(b[i].Value), difference];
        }
    }

    private static IEnumerable<SliceDifference> TopSlices(ComparisonResult r) =>
        r.Slices.Where(s => s.N >= 20).OrderByDescending(s => Math.Abs(s.Difference)).ThenBy(s => s.Key, StringComparer.Ordinal).ThenBy(s => s.Value, StringComparer.Ordinal).Take(SlicesShown);
}

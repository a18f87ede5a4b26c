using FakeNews.Evaluation.Metrics;
using FakeNews.Evaluation.Scoring;
using ScottPlot;

namespace FakeNews.Evaluation.Reports;

/// <summary>
/// The report's charts, drawn by ScottPlot into SVG (text stays text, so the report needs no fonts on the machine
/// that renders it and is byte-stable). Each method returns the SVG document.
/// </summary>
public static class Charts
{
    private const int Width = 480;
    private const int Height = 360;

    /// <summary>ROC curve with the chance diagonal.</summary>
    public static string Roc(IReadOnlyList<Prediction> predictions, string title = "ROC curve")
    {
        var (truth, scores) = Columns(predictions);
        var points = Ranking.RocCurve(truth, scores);
        var plot = NewPlot(title, "false positive rate (real called fake)", "true positive rate (fake caught)");
        Diagonal(plot, 0, 0, 1, 1);
        var curve = plot.Add.Scatter(points.Select(p => p.Fpr).ToArray(), points.Select(p => p.Tpr).ToArray());
        curve.MarkerSize = 0;
        curve.LineWidth = 2;
        plot.Axes.SetLimits(0, 1, 0, 1);
        return Render(plot);
    }

    /// <summary>Precision-recall curve with the base rate as a horizontal line.</summary>
    public static string PrecisionRecall(IReadOnlyList<Prediction> predictions)
    {
        var (truth, scores) = Columns(predictions);
        var points = Ranking.PrecisionRecallCurve(truth, scores);
        var plot = NewPlot("Precision-recall (fake = positive)", "recall", "precision");
        var baseRate = (double)truth.Count(t => t) / truth.Length;
        Diagonal(plot, 0, baseRate, 1, baseRate);
        var curve = plot.Add.Scatter(points.Select(p => p.Recall).Prepend(0).ToArray(), points.Select(p => p.Precision).Prepend(points.Count > 0 ? points[0].Precision : 1).ToArray());
        curve.MarkerSize = 0;
        curve.LineWidth = 2;
        curve.ConnectStyle = ConnectStyle.StepVertical;
        plot.Axes.SetLimits(0, 1, 0, 1.02);
        return Render(plot);
    }

    /// <summary>Reliability diagram: accuracy against mean confidence per bin, with the bins' counts in the legend.</summary>
    public static string Reliability(IReadOnlyList<ReliabilityBin> bins)
    {
        var plot = NewPlot($"Reliability ({Calibration.Bins} bins, top-label confidence)", "mean confidence", "accuracy");
        Diagonal(plot, 0.5, 0.5, 1, 1);
        var used = bins.Where(b => b.Count > 0).ToList();
        var points = plot.Add.Scatter(used.Select(b => b.MeanConfidence).ToArray(), used.Select(b => b.Accuracy).ToArray());
        points.MarkerSize = 7;
        points.LineWidth = 1.5f;
        plot.Axes.SetLimits(0.5, 1, 0, 1);
        return Render(plot);
    }

    /// <summary>Histograms of p_fake for real and for fake examples (20 bins of 0.05), as step lines.</summary>
    public static string ScoreHistogram(IReadOnlyList<Prediction> predictions)
    {
        const int bins = 20;
        var plot = NewPlot("p_fake by true class", "p_fake", "examples");
        double highest = 1;
        foreach (var isFake in new[] { false, true })
        {
            var counts = new double[bins];
            foreach (var p in predictions.Where(p => p.Example.IsFake == isFake))
            {
                counts[Math.Min(bins - 1, (int)(p.PFake * bins))]++;
            }

            highest = Math.Max(highest, counts.Max());
            var xs = Enumerable.Range(0, bins + 1).Select(i => (double)i / bins).ToArray();
            var ys = counts.Append(counts[^1]).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.MarkerSize = 0;
            line.LineWidth = 2;
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LegendText = isFake ? "fake" : "real";
        }

        plot.ShowLegend(Alignment.UpperCenter);
        plot.Axes.SetLimitsX(0, 1);
        plot.Axes.SetLimitsY(0, highest * 1.1);
        return Render(plot);
    }

    private static Plot NewPlot(string title, string x, string y)
    {
        var plot = new Plot();
        plot.Title(title, 13);
        plot.XLabel(x, 12);
        plot.YLabel(y, 12);
        return plot;
    }

    private static void Diagonal(Plot plot, double x1, double y1, double x2, double y2)
    {
        var line = plot.Add.Line(x1, y1, x2, y2);
        line.LineColor = Colors.Gray;
        line.LinePattern = LinePattern.Dashed;
        line.LineWidth = 1;
    }

    private static (bool[] Truth, double[] Scores) Columns(IReadOnlyList<Prediction> predictions) =>
        (predictions.Select(p => p.Example.IsFake).ToArray(), predictions.Select(p => p.PFake).ToArray());

    private static string Render(Plot plot) => plot.GetSvgXml(Width, Height);
}

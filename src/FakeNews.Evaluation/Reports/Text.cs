using System.Globalization;
using System.Text;
using FakeNews.Evaluation.Metrics;

namespace FakeNews.Evaluation.Reports;

/// <summary>Number and text formatting shared by the reports (invariant culture, fixed decimals).</summary>
internal static class Text
{
    public static string F(double value, int decimals = 3) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    public static string F(double? value, int decimals = 3) => value is { } v && double.IsFinite(v) ? F(v, decimals) : "n/a";

    public static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string P(double pValue) => pValue < 0.0001 ? "<0.0001" : F(pValue, 4);

    public static string Ci(Interval? interval) => interval is null ? "n/a" : $"[{F(interval.Lower)}, {F(interval.Upper)}]";

    public static string Signed(double value, int decimals = 3) => (value >= 0 ? "+" : string.Empty) + F(value, decimals);

    /// <summary>One line, at most <paramref name="max"/> characters (an ellipsis marks a cut).</summary>
    public static string Snippet(string text, int max)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= max ? line : line[..(max - 1)].TrimEnd() + "…";
    }

    /// <summary>Escapes a markdown table cell.</summary>
    public static string Cell(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>Builds a markdown table.</summary>
    public static void Table(StringBuilder md, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        md.Append("| ").AppendJoin(" | ", header).AppendLine(" |");
        md.Append('|').AppendJoin('|', header.Select(_ => "---")).AppendLine("|");
        foreach (var row in rows)
        {
            md.Append("| ").AppendJoin(" | ", row.Select(Cell)).AppendLine(" |");
        }
    }

    /// <summary>The headline metrics as (name, value, interval) rows.</summary>
    public static IReadOnlyList<(string Name, string Value, string Ci)> Headline(EvaluationResult result)
    {
        var m = result.Metrics;
        return
        [
            ("accuracy", F(m.Accuracy), Ci(result.AccuracyCi)),
            ("ROC-AUC", F(m.RocAuc), Ci(result.RocAucCi)),
            ("PR-AUC (average precision)", F(m.PrAuc), string.Empty),
            ("F1 fake", F(m.F1Fake), string.Empty),
            ("precision fake", F(m.PrecisionFake), string.Empty),
            ("recall fake", F(m.RecallFake), string.Empty),
            ("F1 real", F(m.F1Real), string.Empty),
            ("macro-F1", F(m.MacroF1), string.Empty),
            ("log loss", F(m.LogLoss), string.Empty),
            ("Brier", F(m.Brier), string.Empty),
            ($"ECE ({Calibration.Bins} bins)", F(m.Ece), string.Empty),
        ];
    }
}

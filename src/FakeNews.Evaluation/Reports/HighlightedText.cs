using System.Globalization;
using System.Text;
using FakeNews.Core.Explanations;
using FakeNews.Evaluation.Data;

namespace FakeNews.Evaluation.Reports;

/// <summary>An example's title and text as HTML with each attributed unit marked by its weight.</summary>
internal static class HighlightedText
{
    /// <summary>The legend shown above highlighted error lists.</summary>
    public const string Legend =
        "<p class=\"muted\">Highlighted texts: <mark style=\"background:rgba(220,38,38,.6)\">red</mark> words (sentences for long texts) " +
        "push toward fake, <mark style=\"background:rgba(22,163,74,.6)\">green</mark> toward real; the stronger the colour, the larger " +
        "p_fake minus p_fake with that unit removed (hover for the value). Metadata fields are listed with their weights.</p>";

    /// <summary>The table cell: title and text highlighted, metadata weights after them; long texts fold under a snippet.</summary>
    public static string Cell(EvalExample example, Explanation explanation)
    {
        var maxAbs = explanation.Attributions.Select(a => Math.Abs(a.Weight)).DefaultIfEmpty(0).Max();
        var title = example.Title is null
            ? string.Empty
            : $"<b>{Mark(example.Title, explanation.Attributions.Where(a => a.Source == AttributionSources.Title), maxAbs)}</b><br>";
        var text = Mark(example.Text, explanation.Attributions.Where(a => a.Source == AttributionSources.Text), maxAbs);
        var fields = explanation.Attributions.Where(a => a.Source == AttributionSources.Metadata)
            .Select(a => Html.E(string.Create(CultureInfo.InvariantCulture, $"{a.Field} {a.Weight:+0.0000;-0.0000;0.0000}")))
            .ToList();
        var metadata = fields.Count == 0 ? string.Empty : $"<br><span class=\"muted\">metadata: {string.Join(", ", fields)}</span>";
        return example.Text.Length <= 400
            ? $"<div class=\"text\">{title}{text}{metadata}</div>"
            : $"<div class=\"text\">{title}<details><summary>{Html.E(Text.Snippet(example.Text, 300))}</summary>{text}</details>{metadata}</div>";
    }

    private static string Mark(string source, IEnumerable<Attribution> units, float maxAbs)
    {
        var html = new StringBuilder(source.Length * 2);
        var position = 0;
        foreach (var unit in units.OrderBy(u => u.Start))
        {
            html.Append(Html.E(source[position..unit.Start]));
            var alpha = maxAbs > 0 ? 0.08 + (0.62 * Math.Abs(unit.Weight) / maxAbs) : 0;
            var rgb = unit.Weight > 0 ? "220,38,38" : "22,163,74";
            html.Append(CultureInfo.InvariantCulture, $"<mark style=\"background:rgba({rgb},{alpha:F2})\" title=\"{unit.Weight:+0.0000;-0.0000;0.0000}\">")
                .Append(Html.E(unit.Text))
                .Append("</mark>");
            position = unit.End;
        }

        return html.Append(Html.E(source[position..])).ToString();
    }
}

using System.Globalization;
using System.Text;
using FakeNews.Core.Explanations;

namespace FakeNews.Cli.Output;

/// <summary>Writes explanations for people: the text with its strongest units marked (JSON goes through <see cref="AttributionJson"/>).</summary>
internal static class ExplanationWriter
{
    /// <summary>How many units <c>predict --explain</c> marks in the text.</summary>
    public const int MarkedUnits = 5;

    private const string Reset = "\u001b[0m";

    /// <summary>
    /// Lines showing the explanation: the title and the text with the <see cref="MarkedUnits"/> strongest units
    /// marked, then each metadata field's weight. Marks are ANSI colour when <paramref name="color"/> is set (red
    /// toward fake, green toward real, bold for the strongest), else <c>[+unit]</c> toward fake and <c>[-unit]</c>
    /// toward real.
    /// </summary>
    public static IEnumerable<string> Lines(Explanation explanation, string? title, string text, bool color)
    {
        var strongest = explanation.Attributions
            .Where(a => a.Source != AttributionSources.Metadata && a.Weight != 0)
            .OrderByDescending(a => Math.Abs(a.Weight))
            .Take(MarkedUnits)
            .ToList();
        if (!string.IsNullOrWhiteSpace(title))
        {
            yield return "title: " + Mark(title, strongest.Where(a => a.Source == AttributionSources.Title), strongest.FirstOrDefault(), color);
        }

        yield return "text: " + Mark(text, strongest.Where(a => a.Source == AttributionSources.Text), strongest.FirstOrDefault(), color);
        var fields = explanation.Attributions.Where(a => a.Source == AttributionSources.Metadata).ToList();
        if (fields.Count > 0)
        {
            yield return "metadata: " + string.Join(", ", fields.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Field} {f.Weight:+0.0000;-0.0000;0.0000}")));
        }

        yield return "strongest: " + string.Join(", ", strongest.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Text} {a.Weight:+0.0000;-0.0000;0.0000}")));
    }

    private static string Mark(string source, IEnumerable<Attribution> marked, Attribution? strongest, bool color)
    {
        var builder = new StringBuilder(source.Length + 64);
        var position = 0;
        foreach (var unit in marked.OrderBy(a => a.Start))
        {
            builder.Append(source, position, unit.Start - position);
            var towardFake = unit.Weight > 0;
            if (color)
            {
                var bold = ReferenceEquals(unit, strongest) ? "1;" : string.Empty;
                builder.Append("\u001b[").Append(bold).Append(towardFake ? "31m" : "32m").Append(unit.Text).Append(Reset);
            }
            else
            {
                builder.Append('[').Append(towardFake ? '+' : '-').Append(unit.Text).Append(']');
            }

            position = unit.End;
        }

        return builder.Append(source, position, source.Length - position).ToString();
    }
}

using System.Net;
using System.Text;

namespace FakeNews.Evaluation.Reports;

/// <summary>Small HTML building helpers shared by the eval and compare reports.</summary>
internal static class Html
{
    public const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}
        h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd}
        table{border-collapse:collapse;margin:.5em 0;font-size:.9em}th,td{border:1px solid #ccc;padding:.25em .5em;vertical-align:top}
        th{background:#f3f3f3;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}
        tr.flag td{background:#fde2e2}.charts{display:flex;flex-wrap:wrap;gap:1em}.charts img{border:1px solid #eee}
        .muted{color:#666;font-size:.9em}details summary{cursor:pointer}.text{max-width:600px}
        """;

    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    public static void Open(StringBuilder html, string title)
    {
        html.AppendLine("<!DOCTYPE html>").AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.AppendLine($"<title>{E(title)}</title><style>{Style}</style></head><body>");
        html.AppendLine($"<h1>{E(title)}</h1>");
    }

    public static void Close(StringBuilder html) => html.AppendLine("</body></html>");

    /// <summary>A table; cells are HTML already (callers encode), numbers right-aligned when <paramref name="numeric"/> marks them.</summary>
    public static void Table(StringBuilder html, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, Func<int, bool>? numeric = null, Func<int, bool>? flagged = null)
    {
        html.Append("<table><thead><tr>");
        foreach (var h in header)
        {
            html.Append("<th>").Append(E(h)).Append("</th>");
        }

        html.AppendLine("</tr></thead><tbody>");
        var r = 0;
        foreach (var row in rows)
        {
            html.Append(flagged?.Invoke(r) == true ? "<tr class=\"flag\">" : "<tr>");
            for (var c = 0; c < row.Count; c++)
            {
                html.Append(numeric?.Invoke(c) == true ? "<td class=\"num\">" : "<td>").Append(row[c]).Append("</td>");
            }

            html.AppendLine("</tr>");
            r++;
        }

        html.AppendLine("</tbody></table>");
    }

    /// <summary>An SVG document as an <c>img</c> with a data URI, so the page stays one self-contained file.</summary>
    public static string Svg(string svg, string alt) =>
        $"<img alt=\"{E(alt)}\" src=\"data:image/svg+xml;base64,{Convert.ToBase64String(Encoding.UTF8.GetBytes(svg))}\">";
}

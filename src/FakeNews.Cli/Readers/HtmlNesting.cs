namespace FakeNews.Cli.Readers;

/// <summary>
/// A cheap, linear bound on how deeply a page nests its elements, checked before the HTML parser runs: the parser
/// keeps every open element on a stack that it scans per tag, so tens of thousands of unclosed elements make one
/// page cost minutes. Void elements and elements that the next sibling closes implicitly (p, li, td, …) do not count,
/// so ordinary pages with unclosed paragraphs stay far below the bound.
/// </summary>
internal static class HtmlNesting
{
    /// <summary>The deepest nesting read; deeper pages are <c>malformed</c> error rows.</summary>
    public const int MaxDepth = 2048;

    private static readonly HashSet<string> Uncounted = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param",
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "thead", "tbody", "tfoot",
        "html", "head", "body", "!doctype",
    };

    /// <summary>The deepest run of open tags seen, stopping early once it passes <paramref name="limit"/>.</summary>
    public static int Depth(string html, int limit = MaxDepth)
    {
        int depth = 0, deepest = 0, i = 0;
        while (deepest <= limit && (i = html.IndexOf('<', i)) >= 0 && i + 1 < html.Length)
        {
            if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                var end = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = end < 0 ? html.Length : end + 3;
                continue;
            }

            var closing = html[i + 1] == '/';
            var start = closing ? i + 2 : i + 1;
            var nameEnd = start;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '!' or '-'))
            {
                nameEnd++;
            }

            var tagEnd = html.IndexOf('>', nameEnd);
            var name = html[start..nameEnd];
            i = tagEnd < 0 ? html.Length : tagEnd + 1;
            if (name.Length == 0 || Uncounted.Contains(name))
            {
                continue;
            }

            if (closing)
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (html[tagEnd < 0 ? html.Length - 1 : tagEnd - 1] != '/')
            {
                deepest = Math.Max(deepest, ++depth);
                if (name is "script" or "style" && html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase) is var raw and >= 0)
                {
                    // Their content is raw text, not markup.
                    i = raw;
                }
            }
        }

        return deepest;
    }
}

using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace FakeNews.Cli.Readers;

/// <summary>
/// An <c>.html</c>/<c>.htm</c> file is one item: the main text of the page. The content root is the longest
/// <c>&lt;article&gt;</c>, else <c>&lt;main&gt;</c>, else <c>&lt;body&gt;</c>; navigation, headers, footers, asides,
/// scripts, styles and forms are dropped; block elements become paragraphs separated by blank lines.
/// The title is the first <c>&lt;h1&gt;</c> (removed from the body), else <c>&lt;title&gt;</c>.
/// A page nested deeper than <see cref="HtmlNesting.MaxDepth"/> elements is a <c>malformed</c> error row; the walk
/// descends at most <see cref="MaxWalkDepth"/> levels, and the longest article is found in one linear pass.
/// </summary>
internal sealed class HtmlReader : IInputReader
{
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "nav", "header", "footer", "aside", "script", "style", "noscript", "form", "template", "iframe", "svg",
        "button", "select", "textarea", "input", "object", "embed", "canvas", "head",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
        "dd", "blockquote", "pre", "table", "tr", "td", "th", "caption", "figure", "figcaption", "br", "hr",
        "address", "details", "summary", "body",
    };

    /// <summary>The deepest element the walk descends into (the parser itself flattens deeper trees).</summary>
    internal const int MaxWalkDepth = 1024;

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".html", ".htm"];

    /// <inheritdoc />
    public bool IsCollection => false;

    /// <inheritdoc />
    public IEnumerable<InputItem> Read(string fileId, string content)
    {
        if (HtmlNesting.Depth(content) > HtmlNesting.MaxDepth)
        {
            yield return InputItem.Failed(fileId, InputErrors.Malformed, $"the page nests elements more than {HtmlNesting.MaxDepth} deep");
            yield break;
        }

        var (title, body) = Extract(content);
        yield return InputItem.Create(fileId, body, title);
    }

    internal static (string? Title, string Body) Extract(string html)
    {
        using var document = new HtmlParser().ParseDocument(html);
        var root = LongestArticle(document)
            ?? document.QuerySelector("main")
            ?? document.Body
            ?? document.DocumentElement;

        // An article's own <h1> often sits in its <header>, which the body drops; outside the root, skip site chrome.
        var heading = root.QuerySelector("h1") ?? document.QuerySelectorAll("h1").FirstOrDefault(h => !IsInsideDropped(h));
        var title = Collapse(heading?.TextContent ?? string.Empty);
        if (title.Length == 0)
        {
            heading = null;
            title = Collapse(document.Title ?? string.Empty);
        }

        var paragraphs = new List<string>();
        var current = new StringBuilder();
        Walk(root, heading, paragraphs, current, 0);
        Flush(paragraphs, current);
        return (title.Length == 0 ? null : title, string.Join("\n\n", paragraphs));
    }

    private static void Walk(INode node, IElement? skip, List<string> paragraphs, StringBuilder current, int depth)
    {
        if (depth > MaxWalkDepth)
        {
            return;
        }

        foreach (var child in node.ChildNodes)
        {
            if (child.NodeType == NodeType.Text)
            {
                current.Append(child.TextContent);
            }
            else if (child is IElement element && !ReferenceEquals(element, skip) && !Dropped.Contains(element.LocalName))
            {
                var block = Blocks.Contains(element.LocalName);
                if (block)
                {
                    Flush(paragraphs, current);
                }

                Walk(element, skip, paragraphs, current, depth + 1);
                if (block)
                {
                    Flush(paragraphs, current);
                }
            }
        }
    }

    /// <summary>
    /// The article with the most text, measured in one pass: elements in reverse document order come after their
    /// children, so each adds its own text nodes and its children's totals (reading each article's TextContent
    /// would copy nested articles' text once per level).
    /// </summary>
    private static IElement? LongestArticle(AngleSharp.Html.Dom.IHtmlDocument document)
    {
        var all = document.All;
        var lengths = new Dictionary<IElement, long>(ReferenceEqualityComparer.Instance);
        IElement? longest = null;
        long best = -1;
        for (var i = all.Length - 1; i >= 0; i--)
        {
            var element = all[i];
            long length = 0;
            foreach (var child in element.ChildNodes)
            {
                length += child is IElement e ? lengths.GetValueOrDefault(e) : child.NodeType == NodeType.Text ? child.TextContent.Length : 0;
            }

            lengths[element] = length;
            if (element.LocalName == "article" && length >= best)
            {
                (longest, best) = (element, length);
            }
        }

        return longest;
    }

    private static void Flush(List<string> paragraphs, StringBuilder current)
    {
        var text = Collapse(current.ToString());
        current.Clear();
        if (text.Length > 0)
        {
            paragraphs.Add(text);
        }
    }

    private static bool IsInsideDropped(IElement element)
    {
        for (var parent = element.ParentElement; parent is not null; parent = parent.ParentElement)
        {
            if (Dropped.Contains(parent.LocalName))
            {
                return true;
            }
        }

        return false;
    }

    private static string Collapse(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

using System.Text.RegularExpressions;

namespace FakeNews.Core.Classification;

/// <summary>What a request looks like: the model is calibrated, and its threshold chosen, per kind.</summary>
public enum InputKind
{
    /// <summary>A one-sentence claim, or any input with speaker metadata.</summary>
    Claim,

    /// <summary>A short line without sentence-ending punctuation.</summary>
    Headline,

    /// <summary>A text with a title, or of <see cref="InputKinds.ArticleWords"/> words or more.</summary>
    Article,

    /// <summary>A short text with a link, an @mention or a #hashtag.</summary>
    Post,
}

/// <summary>
/// Derives a request's <see cref="InputKind"/> from its form alone. The rule is the training scripts'
/// (<c>scripts/fakenews_train/kinds.py</c>); <c>tests/fixtures/input-kinds.json</c> holds cases both sides must agree on.
/// </summary>
public static partial class InputKinds
{
    /// <summary>Texts of this many words or more are articles.</summary>
    public const int ArticleWords = 60;

    /// <summary>Texts of at most this many words without sentence-ending punctuation are headlines.</summary>
    public const int HeadlineWords = 25;

    private const string SentenceEnd = ".!?\"'\u201d\u2019\u2026)]";

    /// <summary>The kind's name in config.json and in results: <c>claim</c>, <c>headline</c>, <c>article</c> or <c>post</c>.</summary>
    public static string Name(InputKind kind) => kind switch
    {
        InputKind.Claim => "claim",
        InputKind.Headline => "headline",
        InputKind.Article => "article",
        InputKind.Post => "post",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown input kind."),
    };

    /// <summary>The kind's name, or null for none (a result of a model calibrated once, with no kind).</summary>
    public static string? NameOrNull(InputKind? kind) => kind is { } known ? Name(known) : null;

    /// <summary>Parses a kind's name (ordinal, lower case); false for anything else.</summary>
    public static bool TryParse(string? name, out InputKind kind)
    {
        foreach (var candidate in Enum.GetValues<InputKind>())
        {
            if (string.Equals(Name(candidate), name, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>The kind of <paramref name="request"/>. Linear in the text's length.</summary>
    public static InputKind Derive(ClassificationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Derive(request.Text, request.Title, request.Metadata);
    }

    /// <summary>
    /// First match wins: non-blank metadata -> claim; a non-blank title or <see cref="ArticleWords"/>+ words -> article;
    /// a link, @mention or #hashtag -> post; at most <see cref="HeadlineWords"/> words not ending in sentence
    /// punctuation -> headline; otherwise claim.
    /// </summary>
    public static InputKind Derive(string text, string? title, ArticleMetadata? metadata)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (metadata is not null && !(IsBlank(metadata.Speaker) && IsBlank(metadata.Job) && IsBlank(metadata.Party)
                                      && IsBlank(metadata.State) && IsBlank(metadata.Subject) && IsBlank(metadata.Context)))
        {
            return InputKind.Claim;
        }

        var words = WordCount(text);
        if (!IsBlank(title) || words >= ArticleWords)
        {
            return InputKind.Article;
        }

        if (PostMark().IsMatch(text))
        {
            return InputKind.Post;
        }

        var end = text.Length;
        while (end > 0 && IsSpace(text[end - 1]))
        {
            end--;
        }

        return words <= HeadlineWords && end > 0 && !SentenceEnd.Contains(text[end - 1], StringComparison.Ordinal)
            ? InputKind.Headline
            : InputKind.Claim;
    }

    /// <summary>Maximal runs of characters that are not <see cref="IsSpace"/>.</summary>
    public static int WordCount(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        var inside = false;
        foreach (var ch in text)
        {
            if (IsSpace(ch))
            {
                inside = false;
            }
            else if (!inside)
            {
                inside = true;
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// The rule's whitespace: U+0000-U+0020, U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F,
    /// U+3000 (fixed here rather than taken from a runtime, so that C# and Python agree).
    /// </summary>
    public static bool IsSpace(char ch) => ch <= '\u0020' || ch is '\u0085' or '\u00A0' or '\u1680'
        or (>= '\u2000' and <= '\u200A') or '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000';

    private static bool IsBlank(string? value) => value is null || value.All(IsSpace);

    [GeneratedRegex(@"https?://|www\.|(?:^|(?<=[^A-Za-z0-9_]))[@#][A-Za-z0-9_]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PostMark();
}

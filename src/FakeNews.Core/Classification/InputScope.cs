using System.Text.RegularExpressions;

namespace FakeNews.Core.Classification;

/// <summary>
/// Inputs the model cannot judge, found from their form before any inference: a text that is only a link (the model
/// reads text and fetches nothing, so it would score the address's characters), and a text in another language than
/// English (every model here was trained on English news; on other languages its verdict is a guess that still looks
/// confident). Both are refused as <see cref="ErrorKind.InvalidInput"/> with a message that says what to send instead.
/// </summary>
/// <remarks>
/// The language test is deliberately conservative: it looks at function words (articles, prepositions, auxiliaries)
/// of English and six other languages written in Latin script, and at the script of the letters. A text of fewer
/// than <see cref="MinWords"/> words is never refused for its language (headlines often have no function word at all).
/// </remarks>
public static partial class InputScope
{
    /// <summary>Texts with fewer words are not judged for their language.</summary>
    public const int MinWords = 8;

    /// <summary>
    /// Characters of the title and of the text that are read: enough to tell a language, and a bound on the work
    /// spent on a text that may still be refused as too long.
    /// </summary>
    public const int ReadChars = 2_000;

    /// <summary>
    /// Why the model cannot judge <paramref name="request"/>, or null when it can. Reads the first
    /// <see cref="ReadChars"/> characters of the title and of the text, never the speaker metadata.
    /// </summary>
    public static string? Refusal(ClassificationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = Head(request.Text);
        var body = string.IsNullOrWhiteSpace(request.Title) ? text : Head(request.Title) + "\n" + text;
        var firstLink = Link().Match(body);
        var withoutLinks = firstLink.Success ? Link().Replace(body, " ") : body;
        if (firstLink.Success && text.Length == request.Text.Length && !HasWords(withoutLinks))
        {
            return $"The text is only a link ({Shorten(firstLink.Value)}): the model reads the text it is given and does not " +
                   "fetch web pages. Send the article's text (and its title) instead.";
        }

        var language = DominantForeignScript(body) ?? LanguageOfWords(withoutLinks);
        return language is null
            ? null
            : $"The text looks like {language}, not English. The model was trained on English news only, so its verdict " +
              "on this text would be a guess; send an English text.";
    }

    /// <summary>
    /// The name of the language or script <paramref name="text"/> is written in when that is clearly not English;
    /// null when it is English, or too short or too mixed to tell.
    /// </summary>
    public static string? ForeignLanguage(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return DominantForeignScript(text) ?? LanguageOfWords(Link().Replace(text, " "));
    }

    /// <summary>The Latin-script language whose function words clearly dominate a text already stripped of links.</summary>
    private static string? LanguageOfWords(string withoutLinks)
    {
        var words = Words(Marks().Replace(withoutLinks, " "));
        if (words.Count < MinWords)
        {
            return null;
        }

        var english = words.Count(FunctionWords.English.Contains);
        var (language, hits) = FunctionWords.Others
            .Select(other => (other.Name, Hits: words.Count(other.Words.Contains)))
            .MaxBy(pair => pair.Hits);
        return hits >= 3 && hits * 5 >= words.Count && english * 2 <= hits ? language : null;
    }

    /// <summary>A script other than Latin that holds more than half of the text's letters (at least 8 of them).</summary>
    private static string? DominantForeignScript(string text)
    {
        var letters = 0;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in text)
        {
            if (!char.IsLetter(c))
            {
                continue;
            }

            letters++;
            var script = Script(c);
            if (script is not null)
            {
                counts[script] = counts.GetValueOrDefault(script) + 1;
            }
        }

        if (letters < 8 || counts.Count == 0)
        {
            return null;
        }

        var (name, count) = counts.MaxBy(pair => pair.Value);
        return count * 2 > letters ? name + " script" : null;
    }

    private static string? Script(char c) => c switch
    {
        >= '\u0370' and <= '\u03FF' => "Greek",
        >= '\u0400' and <= '\u052F' => "Cyrillic",
        >= '\u0590' and <= '\u05FF' => "Hebrew",
        >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F' => "Arabic",
        >= '\u0900' and <= '\u0DFF' => "Indic",
        >= '\u0E00' and <= '\u0E7F' => "Thai",
        >= '\u3040' and <= '\u30FF' => "Japanese",
        >= '\u1100' and <= '\u11FF' or >= '\uAC00' and <= '\uD7AF' => "Korean",
        >= '\u3400' and <= '\u9FFF' => "Chinese",
        _ => null,
    };

    private static string Head(string text) => text.Length <= ReadChars ? text : text[..ReadChars];

    private static bool HasWords(string text) => WordPattern().IsMatch(text);

    private static List<string> Words(string text) =>
        WordPattern().Matches(text).Select(match => match.Value.ToLowerInvariant()).ToList();

    private static string Shorten(string link) => link.Length <= 60 ? link : link[..57] + "...";

    /// <summary>A web address: with a scheme, starting www., or a bare domain with a path.</summary>
    [GeneratedRegex(@"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/\S*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Link();

    /// <summary>@mentions and #hashtags, which name things rather than being words of a language.</summary>
    [GeneratedRegex(@"[@#]\w+", RegexOptions.CultureInvariant)]
    private static partial Regex Marks();

    /// <summary>A word: letters, with inner apostrophes (don't, l'état).</summary>
    [GeneratedRegex(@"\p{L}[\p{L}\p{M}]*(?:['\u2019]\p{L}+)*", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}

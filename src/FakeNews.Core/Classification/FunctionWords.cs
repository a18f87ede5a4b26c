using System.Collections.Frozen;

namespace FakeNews.Core.Classification;

/// <summary>
/// The most frequent function words of English and of six other languages written in Latin script, for
/// <see cref="InputScope"/>. Words that are also common in English text (in, an, was, will, also, so, no, per, con,
/// van, von, as, is, on) are left out of the other languages' lists, so that an English sentence quoting a name or a
/// phrase does not read as foreign; a few rarer ones (German die, hat, war) stay, since a text needs at least three
/// of a language's words, and twice as many as English ones, to count as that language.
/// </summary>
internal static class FunctionWords
{
    public static readonly FrozenSet<string> English = Set(
        "the", "of", "and", "to", "in", "is", "that", "for", "it", "on", "was", "with", "as", "are", "be", "by", "this",
        "from", "at", "have", "has", "not", "but", "they", "were", "he", "she", "his", "her", "their", "been", "which",
        "will", "would", "an", "or", "its", "more", "said", "after", "who", "about", "you", "we", "can", "than", "also",
        "there", "had", "no", "all", "one", "what", "when", "up", "out", "if", "new", "people", "our", "how", "over");

    public static readonly IReadOnlyList<(string Name, FrozenSet<string> Words)> Others =
    [
        ("French", Set("de", "le", "la", "les", "des", "du", "une", "est", "et", "pour", "dans", "que", "qui", "pas",
            "sur", "avec", "sont", "par", "mais", "ou", "leur", "cette", "aux", "nous", "vous", "ils", "elle", "été", "était",
            "être", "très", "au", "ce", "ces", "son", "sa", "ses", "selon", "après", "entre", "aussi", "lors")),
        ("German", Set("der", "die", "hat", "war", "und", "ist", "nicht", "das", "mit", "sich", "des", "auf", "für", "ein",
            "eine", "dem", "den", "zu", "wird", "werden", "auch", "sind", "wurde", "oder", "aber", "noch", "nach", "bei", "einer", "einem",
            "eines", "durch", "über", "wie", "es", "sie", "im", "vom", "zum", "zur", "dass", "haben", "hatte")),
        ("Spanish", Set("de", "el", "los", "las", "del", "que", "y", "en", "por", "para", "una", "es", "se", "lo", "su",
            "al", "como", "más", "pero", "sus", "ya", "este", "esta", "son", "entre", "cuando", "muy", "sobre", "también",
            "fue", "ha", "han", "hay", "según", "desde", "está", "durante")),
        ("Italian", Set("il", "di", "che", "la", "un", "non", "sono", "della", "del", "le", "gli", "nel", "alla", "una",
            "si", "da", "lo", "dei", "delle", "anche", "come", "più", "ha", "è", "questo", "questa", "ma", "essere",
            "stato", "dopo", "degli", "nella", "sul", "ai")),
        ("Portuguese", Set("de", "que", "do", "da", "em", "um", "para", "é", "com", "não", "uma", "os", "se", "na", "por",
            "mais", "dos", "como", "mas", "ao", "ele", "das", "à", "seu", "sua", "ou", "quando", "muito", "nos", "já",
            "também", "só", "pelo", "pela", "foi", "são", "está", "após")),
        ("Dutch", Set("de", "het", "een", "en", "dat", "op", "te", "zijn", "voor", "niet", "met", "er", "maar", "om",
            "ook", "als", "dan", "bij", "nog", "wordt", "naar", "heeft", "kan", "zal", "deze", "dit", "worden", "hun",
            "werd", "door", "uit", "wel", "geen")),
    ];

    private static FrozenSet<string> Set(params string[] words) => words.ToFrozenSet(StringComparer.Ordinal);
}

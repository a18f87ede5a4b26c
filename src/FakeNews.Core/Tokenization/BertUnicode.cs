using System.Collections.Frozen;
using System.Globalization;

namespace FakeNews.Core.Tokenization;

/// <summary>
/// Per-code-point behaviour of Hugging Face's BertNormalizer and BertPreTokenizer, loaded once from the table that
/// tests/reference-tokenizer/unicode-tables.js reads off the reference (see BertUnicode.Data.g.cs for why).
/// </summary>
internal static partial class BertUnicode
{
    private const int CodePointCount = 0x110000;
    private const int HangulFirst = 0xAC00;
    private const int HangulLast = 0xD7A3;

    // One byte per code point (1.1 MB, built once): simpler and faster than range searches on the hot path.
    private static readonly byte[] s_flags = new byte[CodePointCount];
    private static readonly FrozenDictionary<int, string> s_stripLower;
    private static readonly FrozenDictionary<int, string> s_strip;
    private static readonly FrozenDictionary<int, string> s_lower;
    private static readonly FrozenDictionary<int, byte> s_combiningRanks;
    private static readonly FrozenSet<int> s_droppedStarters;

#pragma warning disable CA1810 // The tables are parsed together from one string; a static constructor is clearer.
    static BertUnicode()
#pragma warning restore CA1810
    {
        var stripLower = new Dictionary<int, string>();
        var strip = new Dictionary<int, string>();
        var lower = new Dictionary<int, string>();
        var ranks = new Dictionary<int, byte>();
        var droppedStarters = new HashSet<int>();
        foreach (var range in Data.AsSpan().Split('\n'))
        {
            var line = Data.AsSpan()[range];
            if (line.IsEmpty)
            {
                continue;
            }

            var kind = line[0];
            var rest = line[2..];
            switch (kind)
            {
                case 'R': SetRange(rest, CharFlags.Removed); break;
                case 'W': SetRange(rest, CharFlags.Whitespace); break;
                case 'P': SetRange(rest, CharFlags.Punctuation); break;
                case 'C': SetRange(rest, CharFlags.Chinese); break;
                case 'U': AddMapping(rest, stripLower, CharFlags.MappedStripLower); break;
                case 'S': AddMapping(rest, strip, CharFlags.MappedStrip); break;
                case 'L': AddMapping(rest, lower, CharFlags.MappedLower); break;
                case 'N': AddNonStarter(rest, ranks); break;
                case 'B': droppedStarters.Add(ParseHex(rest)); break;
                default: throw new InvalidDataException($"Unknown entry '{line}' in the BERT Unicode table.");
            }
        }

        s_stripLower = stripLower.ToFrozenDictionary();
        s_strip = strip.ToFrozenDictionary();
        s_lower = lower.ToFrozenDictionary();
        s_combiningRanks = ranks.ToFrozenDictionary();
        s_droppedStarters = droppedStarters.ToFrozenSet();
    }

    /// <summary>The classes and mappings that apply to <paramref name="codePoint"/>.</summary>
    public static CharFlags GetFlags(int codePoint) => (CharFlags)s_flags[codePoint];

    /// <summary>
    /// The text a non-ASCII code point becomes under <paramref name="mode"/>; null when it maps to itself or is a
    /// Hangul syllable (see <see cref="TryDecomposeHangul"/>). Empty for a mark that accent stripping drops.
    /// </summary>
    public static string? Map(int codePoint, CharFlags flags, NormalizationMode mode) => mode switch
    {
        NormalizationMode.StripAccentsAndLowercase when (flags & CharFlags.MappedStripLower) != 0 => s_stripLower[codePoint],
        NormalizationMode.StripAccents when (flags & CharFlags.MappedStrip) != 0 => s_strip[codePoint],
        NormalizationMode.Lowercase when (flags & CharFlags.MappedLower) != 0 => s_lower[codePoint],
        _ => null,
    };

    /// <summary>
    /// The rank of a <see cref="CharFlags.NonStarter"/> in NFD's canonical ordering: within a run of non-starters,
    /// a lower rank goes first and equal ranks keep their order.
    /// </summary>
    public static int CombiningRank(int codePoint) => s_combiningRanks[codePoint];

    /// <summary>
    /// Whether a mark that accent stripping drops is a starter for NFD, so that non-starters on either side of it
    /// are never reordered across it.
    /// </summary>
    public static bool IsDroppedStarter(int codePoint) => s_droppedStarters.Contains(codePoint);

    /// <summary>
    /// NFD of a precomposed Hangul syllable (Unicode section 3.12; the generator checks it against the reference):
    /// leading consonant, vowel and, when <paramref name="trailing"/> is not zero, trailing consonant.
    /// </summary>
    public static bool TryDecomposeHangul(int codePoint, out char leading, out char vowel, out char trailing)
    {
        if (codePoint is < HangulFirst or > HangulLast)
        {
            leading = vowel = trailing = default;
            return false;
        }

        var s = codePoint - HangulFirst;
        leading = (char)(0x1100 + (s / 588));
        vowel = (char)(0x1161 + (s % 588 / 28));
        trailing = s % 28 == 0 ? default : (char)(0x11A7 + (s % 28));
        return true;
    }

    private static void SetRange(ReadOnlySpan<char> text, CharFlags flag)
    {
        var dash = text.IndexOf('-');
        var first = ParseHex(dash < 0 ? text : text[..dash]);
        var last = dash < 0 ? first : ParseHex(text[(dash + 1)..]);
        for (var cp = first; cp <= last; cp++)
        {
            s_flags[cp] |= (byte)flag;
        }
    }

    private static void AddMapping(ReadOnlySpan<char> text, Dictionary<int, string> map, CharFlags flag)
    {
        var space = text.IndexOf(' ');
        var codePoint = ParseHex(space < 0 ? text : text[..space]);
        var value = string.Empty;
        if (space >= 0)
        {
            var parts = text[(space + 1)..];
            var builder = new System.Text.StringBuilder();
            foreach (var part in parts.Split(' '))
            {
                builder.Append(char.ConvertFromUtf32(ParseHex(parts[part])));
            }

            value = builder.ToString();
        }

        map.Add(codePoint, value);
        s_flags[codePoint] |= (byte)flag;
    }

    private static void AddNonStarter(ReadOnlySpan<char> text, Dictionary<int, byte> ranks)
    {
        var space = text.IndexOf(' ');
        var codePoint = ParseHex(text[..space]);
        ranks.Add(codePoint, byte.Parse(text[(space + 1)..], CultureInfo.InvariantCulture));
        s_flags[codePoint] |= (byte)CharFlags.NonStarter;
    }

    private static int ParseHex(ReadOnlySpan<char> text) =>
        int.Parse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
}

/// <summary>Per-code-point classes of the BERT normalizer and pre-tokenizer.</summary>
[Flags]
internal enum CharFlags : byte
{
    None = 0,
    Removed = 1,
    Whitespace = 2,
    Punctuation = 4,
    Chinese = 8,
    MappedStripLower = 16,
    MappedStrip = 32,
    MappedLower = 64,

    /// <summary>A combining mark that NFD may reorder and that accent stripping keeps.</summary>
    NonStarter = 128,
}

/// <summary>Which of the normalizer's case and accent steps apply.</summary>
internal enum NormalizationMode
{
    None,
    Lowercase,
    StripAccents,
    StripAccentsAndLowercase,
}

using System.Text;
using FakeNews.Core.Tokenization;

namespace FakeNews.Core.Explanations;

/// <summary>A span of a string: <c>[Start, End)</c> in UTF-16 code units.</summary>
/// <param name="Start">First character.</param>
/// <param name="End">Just past the last character.</param>
/// <param name="LineBreakBefore">The whitespace before the span holds a line break.</param>
internal readonly record struct TextSpan(int Start, int End, bool LineBreakBefore = false)
{
    public int Length => End - Start;
}

/// <summary>
/// Splits a string into the units an explanation attributes to. Pure: no model, no tokenizer state.
/// </summary>
/// <remarks>
/// Chunks are separated by what the BERT pre-tokenizer treats as whitespace, so the token ids of a string are
/// exactly the concatenation of its chunks' ids: a unit's tokens can be found by tokenizing its chunks alone.
/// A word is a chunk with its leading and trailing punctuation trimmed (<c>"claim,"</c> gives <c>claim</c>; a
/// chunk of punctuation only is no word). A sentence is a run of chunks ending with <c>. ! ? …</c> (closing quotes
/// and brackets allowed after it) before a chunk that starts a sentence, or ending at a line break.
/// </remarks>
internal static class TextSegmenter
{
    private static readonly HashSet<string> s_abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr.", "mrs.", "ms.", "dr.", "prof.", "sen.", "rep.", "gov.", "gen.", "lt.", "col.", "sgt.", "st.", "jr.",
        "sr.", "vs.", "v.", "e.g.", "i.e.", "etc.", "no.", "inc.", "corp.", "co.", "jan.", "feb.", "aug.", "sept.",
        "oct.", "nov.", "dec.", "pres.", "rev.", "mt.",
    };

    /// <summary>The whitespace-separated chunks of <paramref name="text"/>, in order.</summary>
    public static List<TextSpan> Chunks(string text)
    {
        var chunks = new List<TextSpan>();
        var start = -1;
        var lineBreak = false;
        var i = 0;
        while (i < text.Length)
        {
            var status = Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used);
            var isSpace = status == System.Buffers.OperationStatus.Done && IsWordBreakSpace(rune.Value);
            if (isSpace)
            {
                if (start >= 0)
                {
                    chunks.Add(new TextSpan(start, i, lineBreak));
                    start = -1;
                    lineBreak = false;
                }

                lineBreak |= text[i] is '\n' or '\r' or '\u2028' or '\u2029';
            }
            else if (start < 0)
            {
                start = i;
            }

            i += Math.Max(1, used);
        }

        if (start >= 0)
        {
            chunks.Add(new TextSpan(start, text.Length, lineBreak));
        }

        return chunks;
    }

    /// <summary><paramref name="chunk"/> without its leading and trailing punctuation; empty when it is all punctuation.</summary>
    public static TextSpan TrimPunctuation(string text, TextSpan chunk)
    {
        var start = chunk.Start;
        while (start < chunk.End && IsPunctuationAt(text, start, out var used))
        {
            start += used;
        }

        var end = chunk.End;
        while (end > start && IsPunctuationBefore(text, end, out var used))
        {
            end -= used;
        }

        return new TextSpan(start, end, chunk.LineBreakBefore);
    }

    /// <summary>Groups <paramref name="chunks"/> of <paramref name="text"/> into sentences: index ranges <c>[first, last]</c>.</summary>
    public static List<(int First, int Last)> Sentences(string text, IReadOnlyList<TextSpan> chunks)
    {
        var sentences = new List<(int, int)>();
        var first = 0;
        for (var c = 0; c < chunks.Count; c++)
        {
            var isLast = c == chunks.Count - 1;
            if (isLast || chunks[c + 1].LineBreakBefore || EndsSentence(text, chunks[c], chunks[c + 1]))
            {
                sentences.Add((first, c));
                first = c + 1;
            }
        }

        return sentences;
    }

    private static bool EndsSentence(string text, TextSpan chunk, TextSpan next)
    {
        var end = chunk.End;
        while (end > chunk.Start && text[end - 1] is '"' or '\'' or ')' or ']' or '\u201d' or '\u2019' or '\u00bb')
        {
            end--;
        }

        if (end == chunk.Start || text[end - 1] is not ('.' or '!' or '?' or '\u2026'))
        {
            return false;
        }

        var word = text[chunk.Start..end];
        if (text[end - 1] == '.' && (s_abbreviations.Contains(word) || (word.Length == 2 && char.IsUpper(word[0]))))
        {
            return false;
        }

        // "... in the U.S. economy" goes on; "... in the U.S. The" starts a new sentence.
        return !char.IsLower(text[next.Start]);
    }

    private static bool IsWordBreakSpace(int codePoint)
    {
        // The tokenizer drops removed characters before it looks for whitespace, so those never end a word.
        var flags = BertUnicode.GetFlags(codePoint);
        return (flags & CharFlags.Whitespace) != 0 && (flags & CharFlags.Removed) == 0;
    }

    private static bool IsPunctuationAt(string text, int index, out int used)
    {
        var status = Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out used);
        used = Math.Max(1, used);
        return status == System.Buffers.OperationStatus.Done && (BertUnicode.GetFlags(rune.Value) & CharFlags.Punctuation) != 0;
    }

    private static bool IsPunctuationBefore(string text, int end, out int used)
    {
        var status = Rune.DecodeLastFromUtf16(text.AsSpan(0, end), out var rune, out used);
        used = Math.Max(1, used);
        return status == System.Buffers.OperationStatus.Done && (BertUnicode.GetFlags(rune.Value) & CharFlags.Punctuation) != 0;
    }
}

namespace FakeNews.Core.Tokenization;

/// <summary>The range of the source text one token came from: <c>[Start, End)</c> in UTF-16 code units.</summary>
/// <param name="Start">First source character.</param>
/// <param name="End">Just past the last source character.</param>
public readonly record struct TokenOffset(int Start, int End);

/// <summary>WordPiece ids of a text (no special tokens) with the source range of each.</summary>
/// <param name="Ids">The ids, as <see cref="BertWordPieceTokenizer.TokenizeToIds(string)"/> gives them.</param>
/// <param name="Offsets">Per id, the source range it came from; the pieces of one word cover disjoint parts of it.</param>
public sealed record TokenizedText(int[] Ids, TokenOffset[] Offsets)
{
    /// <summary>The number of ids.</summary>
    public int Count => Ids.Length;
}

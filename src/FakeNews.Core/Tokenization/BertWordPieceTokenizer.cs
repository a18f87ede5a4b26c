using System.Collections.Frozen;

namespace FakeNews.Core.Tokenization;

/// <summary>
/// BERT WordPiece tokenizer that gives the same ids as Hugging Face <c>tokenizers</c> (BertNormalizer with
/// clean_text, handle_chinese_chars, strip_accents and lowercase; BertPreTokenizer; WordPiece with <c>##</c>
/// continuations; <c>[CLS] … [SEP]</c>). Special-token strings inside the text (<c>"[SEP]"</c>) are tokenized as
/// ordinary text, so input cannot inject control tokens.
/// Immutable and thread-safe: create one per vocabulary and share it. Encoding allocates only the result array.
/// </summary>
public sealed partial class BertWordPieceTokenizer
{
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _wordStart;
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _continuation;
    private readonly string[] _tokens;
    private readonly int _longestWordStart;
    private readonly int _longestContinuation;
    private readonly NormalizationMode _mode;
    private readonly bool _splitChinese;
    private readonly int _maxInputCharsPerWord;

    /// <summary>The id of the classification token that starts every sequence.</summary>
    public int ClsId { get; }

    /// <summary>The id of the separator token that ends every sequence.</summary>
    public int SepId { get; }

    /// <summary>The id of the padding token.</summary>
    public int PadId { get; }

    /// <summary>The id of the unknown token.</summary>
    public int UnkId { get; }

    /// <summary>The number of lines (ids) in the vocabulary.</summary>
    public int VocabSize => _tokens.Length;

    /// <summary>The options this tokenizer was created with.</summary>
    public TokenizerOptions Options { get; }

    /// <summary>
    /// WordPiece ids of <paramref name="text"/> without special tokens and without truncation.
    /// Cost: linear in the text length.
    /// </summary>
    public int[] TokenizeToIds(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var encoder = new Encoder(this);
        try
        {
            encoder.Run(text, int.MaxValue);
            return encoder.Ids.ToArray();
        }
        finally
        {
            encoder.Dispose();
        }
    }

    /// <summary>
    /// WordPiece ids of <paramref name="text"/> without special tokens, tokenizing only until at least
    /// <paramref name="minIds"/> ids are found: the result is a prefix of <see cref="TokenizeToIds(string)"/>, and it
    /// has <paramref name="minIds"/> or more ids exactly when the whole text has. Cost: linear in the part read.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minIds"/> is negative.</exception>
    public int[] TokenizeToIds(string text, int minIds)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(minIds);
        var encoder = new Encoder(this);
        try
        {
            encoder.Run(text, minIds);
            return encoder.Ids.ToArray();
        }
        finally
        {
            encoder.Dispose();
        }
    }

    /// <summary>
    /// WordPiece ids of <paramref name="text"/> without special tokens and without truncation, each with the range of
    /// <paramref name="text"/> it came from: a piece covers the source characters of its normalized characters, an
    /// unknown word its whole source. The ranges are Hugging Face's offsets, counted in UTF-16 code units instead of
    /// code points. Cost: linear in the text length.
    /// </summary>
    public TokenizedText TokenizeWithOffsets(ReadOnlySpan<char> text)
    {
        var encoder = new Encoder(this, trackOffsets: true);
        try
        {
            encoder.Run(text, int.MaxValue);
            var offsets = new TokenOffset[encoder.Ids.Length];
            for (var k = 0; k < offsets.Length; k++)
            {
                offsets[k] = new TokenOffset(encoder.Starts[k], encoder.Ends[k]);
            }

            return new TokenizedText(encoder.Ids.ToArray(), offsets);
        }
        finally
        {
            encoder.Dispose();
        }
    }

    /// <summary>
    /// <c>[CLS] ids [SEP]</c>, the ids truncated so the total length is at most <paramref name="maxLength"/>.
    /// Stops tokenizing once enough ids are found, so long articles cost only what is kept.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is less than 2.</exception>
    public EncodedSequence Encode(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        var encoder = new Encoder(this);
        try
        {
            var keep = maxLength - 2;
            encoder.Run(text, keep);
            return Wrap(encoder.Ids[..Math.Min(keep, encoder.Ids.Length)]);
        }
        finally
        {
            encoder.Dispose();
        }
    }

    /// <summary><c>[CLS] ids [SEP]</c> without truncation (used for the windows of long articles).</summary>
    public EncodedSequence Wrap(ReadOnlySpan<int> ids)
    {
        var result = new int[ids.Length + 2];
        result[0] = ClsId;
        ids.CopyTo(result.AsSpan(1));
        result[^1] = SepId;
        return new EncodedSequence(result);
    }

    /// <summary>The token strings of <paramref name="text"/>, without special tokens (for debugging).</summary>
    public IReadOnlyList<string> TokenizeToStrings(string text) => Array.ConvertAll(TokenizeToIds(text), IdToToken);

    /// <summary>The vocabulary entry of <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="id"/> is not in the vocabulary.</exception>
    public string IdToToken(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, _tokens.Length);
        return _tokens[id];
    }
}

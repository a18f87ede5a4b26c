using System.Buffers;
using FakeNews.Core.Tokenization;
using Microsoft.ML.Tokenizers;

namespace FakeNews.Tokenizers;

/// <summary>
/// <see cref="BertWordPieceTokenizer"/> as a <see cref="Tokenizer"/> of Microsoft.ML.Tokenizers: the ids Hugging Face
/// <c>tokenizers</c> gives (which that package's own <c>BertTokenizer</c> does not always give), with each token's
/// offsets in the input, so code written against the abstraction (text chunkers, token budgets) works with the
/// model's exact tokenization.
/// </summary>
/// <remarks>
/// Normalization (cleaning, lowercasing, accent stripping) and pre-tokenization are part of the model's input and are
/// always applied: <see cref="EncodeSettings.ConsiderNormalization"/> and <see cref="EncodeSettings.ConsiderPreTokenization"/>
/// are ignored, and no normalized text is returned (offsets refer to the input as given). With
/// <see cref="AddSpecialTokens"/> (the default, as in <c>BertTokenizer</c>) <c>[CLS]</c> and <c>[SEP]</c> surround the
/// ids and count towards token limits. Truncation and <see cref="Tokenizer.GetIndexByTokenCount(string, int, out string?, out int, bool, bool)"/>
/// never split a word: a limit that falls inside a word's pieces keeps the whole word out, unless that word alone is
/// longer than the limit, which is then cut between pieces (so a chunker always makes progress).
/// Immutable and thread-safe.
/// </remarks>
public sealed class ExactBertTokenizer : Tokenizer
{
    private readonly BertWordPieceTokenizer _inner;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The tokenizer that does the work.</param>
    /// <param name="addSpecialTokens">Whether encodings start with <c>[CLS]</c> and end with <c>[SEP]</c>.</param>
    public ExactBertTokenizer(BertWordPieceTokenizer inner, bool addSpecialTokens = true)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        AddSpecialTokens = addSpecialTokens;
    }

    /// <summary>Loads a WordPiece vocabulary (one token per line, as <c>vocab.txt</c> in a model folder).</summary>
    public static ExactBertTokenizer Create(string vocabPath, TokenizerOptions? options = null, bool addSpecialTokens = true) =>
        new(BertWordPieceTokenizer.Create(vocabPath, options), addSpecialTokens);

    /// <summary>Whether encodings start with <c>[CLS]</c> and end with <c>[SEP]</c>.</summary>
    public bool AddSpecialTokens { get; }

    /// <summary>The wrapped tokenizer.</summary>
    public BertWordPieceTokenizer Inner => _inner;

    /// <inheritdoc/>
    protected override EncodeResults<EncodedToken> EncodeToTokens(string? text, ReadOnlySpan<char> textSpan, EncodeSettings settings)
    {
        var (tokenized, kept, consumed) = Truncated(text is null ? textSpan : text.AsSpan(), settings);
        var tokens = new List<EncodedToken>(kept + 2);
        if (AddSpecialTokens)
        {
            tokens.Add(new EncodedToken(_inner.ClsId, _inner.IdToToken(_inner.ClsId), new Range(0, 0)));
        }

        for (var k = 0; k < kept; k++)
        {
            var (start, end) = (tokenized.Offsets[k].Start, tokenized.Offsets[k].End);
            tokens.Add(new EncodedToken(tokenized.Ids[k], _inner.IdToToken(tokenized.Ids[k]), new Range(start, end)));
        }

        if (AddSpecialTokens)
        {
            tokens.Add(new EncodedToken(_inner.SepId, _inner.IdToToken(_inner.SepId), new Range(consumed, consumed)));
        }

        return new EncodeResults<EncodedToken> { Tokens = tokens, NormalizedText = null, CharsConsumed = consumed };
    }

    /// <inheritdoc/>
    protected override EncodeResults<int> EncodeToIds(string? text, ReadOnlySpan<char> textSpan, EncodeSettings settings)
    {
        ReadOnlySpan<int> kept;
        int consumed;
        if (settings.MaxTokenCount == int.MaxValue)
        {
            // Without a limit no offsets are needed: every id is kept and every character consumed.
            kept = _inner.TokenizeToIds(text ?? textSpan.ToString());
            consumed = text?.Length ?? textSpan.Length;
        }
        else
        {
            var truncated = Truncated(text is null ? textSpan : text.AsSpan(), settings);
            kept = truncated.Tokenized.Ids.AsSpan(0, truncated.Kept);
            consumed = truncated.Consumed;
        }

        var ids = new List<int>(kept.Length + 2);
        if (AddSpecialTokens)
        {
            ids.Add(_inner.ClsId);
        }

        ids.AddRange(kept);
        if (AddSpecialTokens)
        {
            ids.Add(_inner.SepId);
        }

        return new EncodeResults<int> { Tokens = ids, NormalizedText = null, CharsConsumed = consumed };
    }

    /// <inheritdoc/>
    protected override int CountTokens(string? text, ReadOnlySpan<char> textSpan, EncodeSettings settings)
    {
        var source = text is null ? textSpan : text.AsSpan();
        if (settings.MaxTokenCount == int.MaxValue)
        {
            // Without a limit no offsets are needed.
            return _inner.TokenizeToIds(text ?? textSpan.ToString()).Length + (AddSpecialTokens ? 2 : 0);
        }

        return Truncated(source, settings).Kept + (AddSpecialTokens ? 2 : 0);
    }

    /// <inheritdoc/>
    protected override int GetIndexByTokenCount(string? text, ReadOnlySpan<char> textSpan, EncodeSettings settings, bool fromEnd, out string? normalizedText, out int tokenCount)
    {
        normalizedText = null;
        var source = text is null ? textSpan : text.AsSpan();
        var special = AddSpecialTokens ? 2 : 0;
        if (!fromEnd)
        {
            var (_, kept, consumed) = Truncated(source, settings);
            tokenCount = settings.MaxTokenCount < special ? 0 : kept + special;
            return consumed;
        }

        var tokenized = _inner.TokenizeWithOffsets(source);
        var budget = settings.MaxTokenCount - special;
        var last = Math.Max(0, tokenized.Count - Math.Max(0, budget));
        var first = last;
        while (first < tokenized.Count && first > 0 && IsContinuation(tokenized.Ids[first]))
        {
            first++;
        }

        first = first == tokenized.Count ? last : first;

        tokenCount = settings.MaxTokenCount < special ? 0 : tokenized.Count - first + special;
        return first == 0 ? 0 : first == tokenized.Count ? source.Length : tokenized.Offsets[first].Start;
    }

    /// <inheritdoc/>
    public override string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var text = new System.Text.StringBuilder();
        foreach (var id in ids)
        {
            AppendToken(text, id, needSpace: text.Length > 0);
        }

        return text.ToString();
    }

    /// <inheritdoc/>
    public override OperationStatus Decode(IEnumerable<int> ids, Span<char> destination, out int idsConsumed, out int charsWritten)
    {
        ArgumentNullException.ThrowIfNull(ids);
        idsConsumed = 0;
        charsWritten = 0;
        var piece = new System.Text.StringBuilder();
        foreach (var id in ids)
        {
            piece.Clear();
            if (id < 0 || id >= _inner.VocabSize)
            {
                return OperationStatus.InvalidData;
            }

            AppendToken(piece, id, needSpace: charsWritten > 0);
            if (piece.Length > destination.Length - charsWritten)
            {
                return OperationStatus.DestinationTooSmall;
            }

            piece.CopyTo(0, destination[charsWritten..], piece.Length);
            charsWritten += piece.Length;
            idsConsumed++;
        }

        return OperationStatus.Done;
    }

    // Special tokens are skipped; a ## piece joins the previous token, any other token is preceded by one space.
    private void AppendToken(System.Text.StringBuilder text, int id, bool needSpace)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, _inner.VocabSize);
        if (id == _inner.ClsId || id == _inner.SepId || id == _inner.PadId)
        {
            return;
        }

        var token = _inner.IdToToken(id);
        if (token.StartsWith("##", StringComparison.Ordinal))
        {
            text.Append(token, 2, token.Length - 2);
            return;
        }

        if (needSpace)
        {
            text.Append(' ');
        }

        text.Append(token);
    }

    // The source's tokens, how many leading ones the settings' limit keeps, and the characters those cover.
    private (TokenizedText Tokenized, int Kept, int Consumed) Truncated(ReadOnlySpan<char> source, EncodeSettings settings)
    {
        var tokenized = _inner.TokenizeWithOffsets(source);
        var kept = Kept(tokenized, settings.MaxTokenCount);
        return (tokenized, kept, Consumed(tokenized, kept, source.Length));
    }

    // How many leading ids fit in maxTokenCount (special tokens included) without cutting a word.
    private int Kept(TokenizedText tokenized, int maxTokenCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxTokenCount);
        var budget = maxTokenCount - (AddSpecialTokens ? 2 : 0);
        if (budget >= tokenized.Count)
        {
            return tokenized.Count;
        }

        var kept = Math.Max(0, budget);
        while (kept > 0 && IsContinuation(tokenized.Ids[kept]))
        {
            kept--;
        }

        return kept == 0 ? Math.Max(0, budget) : kept;
    }

    private static int Consumed(TokenizedText tokenized, int kept, int length) =>
        kept == tokenized.Count ? length : kept == 0 ? 0 : tokenized.Offsets[kept - 1].End;

    private bool IsContinuation(int id) => _inner.IdToToken(id).StartsWith("##", StringComparison.Ordinal);
}

namespace FakeNews.Core.Tokenization;

/// <summary>
/// Settings of <see cref="BertWordPieceTokenizer"/>, the same knobs as Hugging Face's BertNormalizer and WordPiece.
/// The defaults fit uncased BERT vocabularies such as MiniLM's and DistilBERT's.
/// </summary>
public sealed class TokenizerOptions
{
    /// <summary>Lowercase the text (uncased vocabularies). Default true.</summary>
    public bool LowerCase { get; init; } = true;

    /// <summary>Strip accents (NFD, then drop non-spacing marks); null follows <see cref="LowerCase"/>.</summary>
    public bool? StripAccents { get; init; }

    /// <summary>Surround CJK ideographs with spaces so each is its own word. Default true.</summary>
    public bool TokenizeChineseChars { get; init; } = true;

    /// <summary>The unknown token. Default <c>[UNK]</c>.</summary>
    public string UnknownToken { get; init; } = "[UNK]";

    /// <summary>The classification token put first. Default <c>[CLS]</c>.</summary>
    public string ClassificationToken { get; init; } = "[CLS]";

    /// <summary>The separator token put last. Default <c>[SEP]</c>.</summary>
    public string SeparatorToken { get; init; } = "[SEP]";

    /// <summary>The padding token. Default <c>[PAD]</c>.</summary>
    public string PaddingToken { get; init; } = "[PAD]";

    /// <summary>Words longer than this many characters (code points) become the unknown token. Default 100.</summary>
    public int MaxInputCharsPerWord { get; init; } = 100;

    /// <summary>Whether accents are stripped once <see cref="StripAccents"/> has followed <see cref="LowerCase"/>.</summary>
    internal bool EffectiveStripAccents => StripAccents ?? LowerCase;

    internal void Validate()
    {
        if (MaxInputCharsPerWord < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxInputCharsPerWord), MaxInputCharsPerWord, "TokenizerOptions.MaxInputCharsPerWord must be at least 1.");
        }

        foreach (var (name, value) in new[]
                 {
                     (nameof(UnknownToken), UnknownToken), (nameof(ClassificationToken), ClassificationToken),
                     (nameof(SeparatorToken), SeparatorToken), (nameof(PaddingToken), PaddingToken),
                 })
        {
            if (string.IsNullOrEmpty(value))
            {
                throw new ArgumentException($"TokenizerOptions.{name} must not be empty.", name);
            }
        }
    }
}

using System.Collections.Frozen;
using System.Text;

namespace FakeNews.Core.Tokenization;

public sealed partial class BertWordPieceTokenizer
{
    private const string ContinuationPrefix = "##";

    private BertWordPieceTokenizer(string[] tokens, TokenizerOptions options, string source)
    {
        Options = options;
        _tokens = tokens;
        _mode = (options.LowerCase, options.EffectiveStripAccents) switch
        {
            (true, true) => NormalizationMode.StripAccentsAndLowercase,
            (true, false) => NormalizationMode.Lowercase,
            (false, true) => NormalizationMode.StripAccents,
            _ => NormalizationMode.None,
        };
        _splitChinese = options.TokenizeChineseChars;
        _maxInputCharsPerWord = options.MaxInputCharsPerWord;

        // Like tokenizers' WordPiece::read_file: the id is the line index and a repeated token keeps its last line.
        var wordStart = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        var continuation = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var id = 0; id < tokens.Length; id++)
        {
            var token = tokens[id];
            wordStart[token] = id;
            _longestWordStart = Math.Max(_longestWordStart, token.Length);
            if (token.StartsWith(ContinuationPrefix, StringComparison.Ordinal) && token.Length > ContinuationPrefix.Length)
            {
                continuation[token[ContinuationPrefix.Length..]] = id;
                _longestContinuation = Math.Max(_longestContinuation, token.Length - ContinuationPrefix.Length);
            }
        }

        UnkId = SpecialId(wordStart, options.UnknownToken, source);
        ClsId = SpecialId(wordStart, options.ClassificationToken, source);
        SepId = SpecialId(wordStart, options.SeparatorToken, source);
        PadId = SpecialId(wordStart, options.PaddingToken, source);
        _wordStart = wordStart.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _continuation = continuation.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// Loads a BERT <c>vocab.txt</c> (one token a line, the id is the line index).
    /// Cost: reads the file once (tens of milliseconds for 30,000 tokens); share the result.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The vocabulary lacks a special token named in the options.</exception>
    public static BertWordPieceTokenizer Create(string vocabPath, TokenizerOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(vocabPath);
        if (!File.Exists(vocabPath))
        {
            throw new FileNotFoundException($"The vocabulary file '{vocabPath}' does not exist.", vocabPath);
        }

        using var stream = File.OpenRead(vocabPath);
        return Create(stream, options, $"The vocabulary file '{vocabPath}'");
    }

    /// <summary>Loads a BERT vocabulary (UTF-8, one token a line) from a stream, which is read to its end.</summary>
    /// <exception cref="InvalidDataException">The vocabulary lacks a special token named in the options.</exception>
    public static BertWordPieceTokenizer Create(Stream vocab, TokenizerOptions? options = null) =>
        Create(vocab, options, "The vocabulary");

    private static BertWordPieceTokenizer Create(Stream vocab, TokenizerOptions? options, string source)
    {
        ArgumentNullException.ThrowIfNull(vocab);
        options ??= new TokenizerOptions();
        options.Validate();
        using var reader = new StreamReader(vocab, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return new BertWordPieceTokenizer(SplitLines(reader.ReadToEnd()), options, source);
    }

    // Rust's BufRead::lines splits on '\n' only and yields no empty piece after a final newline; each token is then
    // trimmed at its end (which also removes the '\r' of CRLF files).
    private static string[] SplitLines(string text)
    {
        var lines = text.Split('\n');
        var count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        var tokens = new string[count];
        for (var i = 0; i < count; i++)
        {
            tokens[i] = lines[i].TrimEnd();
        }

        return tokens;
    }

    private static int SpecialId(Dictionary<string, int> vocab, string token, string source) =>
        vocab.TryGetValue(token, out var id)
            ? id
            : throw new InvalidDataException($"{source} does not contain the special token '{token}'.");
}

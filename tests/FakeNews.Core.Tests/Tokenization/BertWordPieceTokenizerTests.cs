using System.Text;
using FakeNews.Core.Tokenization;

namespace FakeNews.Core.Tests.Tokenization;

public sealed class BertWordPieceTokenizerTests
{
    private static readonly string[] s_vocab =
    [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "un", "##aff", "##able", "##a", "hello", "world", "!", ",", "a",
        "##b", "x", "##x", "the", "cafe", "$", "5",
    ];

    private static BertWordPieceTokenizer Create(IEnumerable<string>? tokens = null, TokenizerOptions? options = null) =>
        BertWordPieceTokenizer.Create(new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", tokens ?? s_vocab) + "\n")), options);

    [Fact]
    public void Special_token_ids_are_their_line_numbers()
    {
        var tokenizer = Create();

        Assert.Equal((0, 1, 2, 3), (tokenizer.PadId, tokenizer.UnkId, tokenizer.ClsId, tokenizer.SepId));
        Assert.Equal(s_vocab.Length, tokenizer.VocabSize);
    }

    [Fact]
    public void Words_split_greedily_into_the_longest_pieces_and_unknown_words_become_one_unk()
    {
        var tokenizer = Create();

        Assert.Equal(["un", "##aff", "##able", "hello", ",", "world", "!"], tokenizer.TokenizeToStrings("UnAffable Hello,world!"));
        Assert.Equal(["[UNK]", "cafe", "$", "5"], tokenizer.TokenizeToStrings("unaffablez Café $5"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\n\r \u00a0\u3000")]
    [InlineData("\u200b\u0000\ufeff")]
    public void Empty_and_whitespace_only_input_gives_cls_sep(string text)
    {
        var tokenizer = Create();

        Assert.Empty(tokenizer.TokenizeToIds(text));
        Assert.Equal([2, 3], tokenizer.Encode(text, 128).InputIds);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(41)]
    public void Encode_truncates_to_exactly_max_length_with_cls_first_and_sep_last(int maxLength)
    {
        var tokenizer = Create();
        var text = string.Join(" ", Enumerable.Repeat("hello world", 30));
        var all = tokenizer.TokenizeToIds(text);

        var encoded = tokenizer.Encode(text, maxLength);

        Assert.Equal(maxLength, encoded.Length);
        Assert.Equal(tokenizer.ClsId, encoded.InputIds[0]);
        Assert.Equal(tokenizer.SepId, encoded.InputIds[^1]);
        Assert.Equal(all[..(maxLength - 2)], encoded.InputIds[1..^1]);
    }

    [Fact]
    public void Encode_keeps_short_text_whole()
    {
        var tokenizer = Create();

        Assert.Equal([2, 9, 10, 3], tokenizer.Encode("hello world", 512).InputIds);
    }

    [Fact]
    public void Encode_rejects_a_max_length_that_cannot_hold_cls_and_sep()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Create().Encode("hello", 1));
    }

    [Fact]
    public void Wrap_puts_cls_before_and_sep_after_the_ids_without_truncating()
    {
        var tokenizer = Create();
        var ids = Enumerable.Range(5, 600).ToArray();

        var wrapped = tokenizer.Wrap(ids);

        Assert.Equal(602, wrapped.Length);
        Assert.Equal([2, .. ids, 3], wrapped.InputIds);
        Assert.Equal([2, 3], tokenizer.Wrap([]).InputIds);
    }

    [Fact]
    public void Words_of_up_to_100_characters_are_split_and_longer_ones_are_unk()
    {
        var tokenizer = Create();

        Assert.Equal(100, tokenizer.TokenizeToIds(new string('x', 100)).Length);
        Assert.Equal([tokenizer.UnkId], tokenizer.TokenizeToIds(new string('x', 101)));
        Assert.Equal([tokenizer.UnkId, 5], tokenizer.TokenizeToIds(new string('x', 200) + " un"));
        // The limit counts normalized code points: 100 emoji (200 UTF-16 units) are still one unknown word, not two.
        Assert.Equal([tokenizer.UnkId], tokenizer.TokenizeToIds(string.Concat(Enumerable.Repeat("😀", 100))));
    }

    [Fact]
    public void Max_input_chars_per_word_is_configurable()
    {
        var tokenizer = Create(options: new TokenizerOptions { MaxInputCharsPerWord = 3 });

        Assert.Equal([15, 16, 16], tokenizer.TokenizeToIds("xxx"));
        Assert.Equal([tokenizer.UnkId], tokenizer.TokenizeToIds("xxxx"));
    }

    [Fact]
    public void A_vocabulary_without_a_special_token_fails_with_the_file_and_the_token()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vocab-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(path, s_vocab.Where(t => t != "[SEP]"));
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => BertWordPieceTokenizer.Create(path));

            Assert.Contains(path, error.Message);
            Assert.Contains("'[SEP]'", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Custom_special_tokens_must_be_in_the_vocabulary()
    {
        var error = Assert.Throws<InvalidDataException>(() => Create(options: new TokenizerOptions { PaddingToken = "<pad>" }));

        Assert.Contains("'<pad>'", error.Message);
    }

    [Fact]
    public void A_missing_vocabulary_file_is_named_in_the_error()
    {
        var error = Assert.Throws<FileNotFoundException>(() => BertWordPieceTokenizer.Create("/no/such/vocab.txt"));

        Assert.Contains("/no/such/vocab.txt", error.Message);
    }

    [Fact]
    public void Invalid_options_name_the_setting()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Create(options: new TokenizerOptions { MaxInputCharsPerWord = 0 }));

        Assert.Contains("MaxInputCharsPerWord", error.Message);
    }

    [Fact]
    public void Vocabulary_lines_are_trimmed_at_the_end_and_a_repeated_token_keeps_its_last_line()
    {
        var tokenizer = Create(["[PAD]\r", "[UNK] ", "[CLS]\u00a0", "[SEP]\t", "hello", "hello", "x\ufeff"]);

        Assert.Equal([5], tokenizer.TokenizeToIds("hello"));
        Assert.Equal(7, tokenizer.VocabSize);
        // Like Rust's trim_end, U+FEFF is not white space: the token keeps it and so never matches "x".
        Assert.Equal("x\ufeff", tokenizer.IdToToken(6));
        Assert.Equal([tokenizer.UnkId], tokenizer.TokenizeToIds("x"));
    }

    [Fact]
    public void Special_token_strings_in_the_text_are_ordinary_text()
    {
        var tokenizer = Create(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[", "]", "sep"]);

        Assert.Equal([4, 6, 5], tokenizer.TokenizeToIds("[SEP]"));
    }

    [Fact]
    public void Cased_options_keep_case_and_accents()
    {
        var tokenizer = Create([.. s_vocab, "Hello", "Café"], new TokenizerOptions { LowerCase = false });

        Assert.Equal(["Hello", "Café", "[UNK]"], tokenizer.TokenizeToStrings("Hello Café hello2"));
    }

    [Fact]
    public void Lowercasing_without_stripping_keeps_accents()
    {
        var tokenizer = Create([.. s_vocab, "café"], new TokenizerOptions { StripAccents = false });

        Assert.Equal(["café", "cafe"], tokenizer.TokenizeToStrings("CAFÉ cafe"));
    }

    [Fact]
    public void Parallel_encodes_equal_sequential_encodes()
    {
        var tokenizer = Create();
        var random = new Random(7);
        var pieces = new[] { "hello", "world", "unaffable", "x", "ab", "CAFÉ", "$5", "!", " ", "\n", "😀", "中", "zzz" };
        var texts = Enumerable.Range(0, 2_000)
            .Select(_ => string.Join(" ", Enumerable.Range(0, random.Next(1, 80)).Select(_ => pieces[random.Next(pieces.Length)])))
            .ToArray();
        var sequential = texts.Select(t => tokenizer.Encode(t, 64).InputIds).ToArray();

        var parallel = new int[texts.Length][];
        Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = tokenizer.Encode(texts[i], 64).InputIds);

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(sequential[i], parallel[i]);
        }
    }
}

using FakeNews.Core.Tests.Tokenization;
using FakeNews.Core.Tokenization;
using FakeNews.Tokenizers;
using Microsoft.ML.Tokenizers;
using Xunit.Abstractions;

namespace FakeNews.Tokenizers.Tests;

public sealed class ExactBertTokenizerTests(ITestOutputHelper output)
{
    private static readonly Lazy<ExactBertTokenizer> s_tokenizer = new(() => ExactBertTokenizer.Create(RepositoryPaths.RequireMiniLmVocab()));

    private static ExactBertTokenizer Exact => s_tokenizer.Value;

    [SkippableFact]
    public void Through_the_abstraction_ids_equal_Hugging_Face_on_every_text_and_BertTokenizer_is_measured_beside_it()
    {
        var vocab = RepositoryPaths.RequireMiniLmVocab();
        var texts = TokenizerCorpus.AdversarialTexts();
        texts.AddRange(TokenizerCorpus.DataTexts());
        var reference = ReferenceTokenizer.Encode(vocab, texts, [], new TokenizerOptions());
        Tokenizer exact = Exact;
        Tokenizer microsoft = BertTokenizer.Create(vocab);

        var exactDiffers = 0;
        var microsoftDiffers = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            var expected = reference[i][0];
            exactDiffers += exact.EncodeToIds(texts[i]).SequenceEqual(expected) ? 0 : 1;
            // BertTokenizer adds [CLS] and [SEP] only through its own overloads, not through the abstraction.
            microsoftDiffers += microsoft.EncodeToIds(texts[i]).SequenceEqual(expected[1..^1]) ? 0 : 1;
        }

        output.WriteLine($"{texts.Count} texts: ExactBertTokenizer differs from Hugging Face on {exactDiffers}, "
            + $"Microsoft.ML.Tokenizers BertTokenizer on {microsoftDiffers} ({100.0 * microsoftDiffers / texts.Count:F1}%).");
        Assert.Equal(0, exactDiffers);
    }

    [Fact]
    public void Tokens_carry_their_text_and_offsets_into_the_input()
    {
        const string text = "Senators REJECTED the bill, 52-48 — unbelievably.";
        var tokens = Exact.EncodeToTokens(text, out var normalized);

        Assert.Null(normalized);
        Assert.Equal("[CLS]", tokens[0].Value);
        Assert.Equal("[SEP]", tokens[^1].Value);
        var pieces = tokens.Skip(1).SkipLast(1).ToList();
        Assert.Equal(Exact.Inner.TokenizeToIds(text), pieces.Select(t => t.Id));
        Assert.Equal("rejected", text[pieces[1].Offset].ToLowerInvariant());
        Assert.Equal(",", text[pieces[4].Offset]);
        // The pieces of one word cover it end to end.
        var word = pieces.Where(t => t.Offset.Start.Value >= text.IndexOf("unbelievably", StringComparison.Ordinal) && t.Value != ".").ToList();
        Assert.True(word.Count > 1);
        Assert.Equal("unbelievably", string.Concat(word.Select(t => text[t.Offset])));
    }

    [Fact]
    public void Counts_include_the_special_tokens_unless_they_are_turned_off()
    {
        const string text = "The moon base was built in 1969.";
        var ids = Exact.Inner.TokenizeToIds(text).Length;

        Assert.Equal(ids + 2, Exact.CountTokens(text));
        Assert.Equal(ids, new ExactBertTokenizer(Exact.Inner, addSpecialTokens: false).CountTokens(text));
        Assert.Equal(ids + 2, Exact.EncodeToIds(text).Count);
    }

    [Fact]
    public void A_token_limit_never_cuts_a_word_and_reports_what_was_consumed()
    {
        const string text = "an unbelievably long claim";
        var all = Exact.EncodeToTokens(text, out _);
        var unbelievably = all.Count(t => t.Offset.Start.Value >= 3 && t.Offset.End.Value <= 15);
        Assert.True(unbelievably > 1, "the test needs a word of several pieces");

        // [CLS] an un ##bel … : a limit inside the word keeps only "an".
        var ids = Exact.EncodeToIds(text, maxTokenCount: 4, out var normalized, out var consumed);
        Assert.Null(normalized);
        Assert.Equal([101, Exact.Inner.TokenizeToIds("an")[0], 102], ids);
        Assert.Equal(2, consumed);

        var index = Exact.GetIndexByTokenCount(text, 4, out _, out var count);
        Assert.Equal(2, index);
        Assert.Equal(3, count);

        var fromEnd = Exact.GetIndexByTokenCountFromEnd(text, 4, out _, out var countFromEnd);
        Assert.Equal(text.IndexOf("long", StringComparison.Ordinal), fromEnd);
        Assert.Equal(4, countFromEnd);
        Assert.Equal(text.Length, Exact.GetIndexByTokenCount(text, 100, out _, out _));
        Assert.Equal(0, Exact.GetIndexByTokenCountFromEnd(text, 100, out _, out _));
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Chunking_articles_by_token_count_loses_nothing_and_keeps_every_id(bool fromEnd)
    {
        // What a text chunker built on the abstraction does: cut the longest piece that fits, then go on with the rest.
        const int limit = 64;
        var articles = TokenizerCorpus.DataTexts().Where(t => t.Length > 2_000).Take(60).ToList();
        var adversarial = TokenizerCorpus.AdversarialTexts();
        foreach (var article in articles.Concat(adversarial))
        {
            var chunks = new List<string>();
            var rest = article;
            while (rest.Length > 0)
            {
                var index = fromEnd ? Exact.GetIndexByTokenCountFromEnd(rest, limit, out _, out var count)
                                    : Exact.GetIndexByTokenCount(rest, limit, out _, out count);
                Assert.True(count <= limit, $"a chunk of {count} tokens");
                var (chunk, remaining) = fromEnd ? (rest[index..], rest[..index]) : (rest[..index], rest[index..]);
                Assert.True(chunk.Length > 0, $"no progress at {JsonText(rest)}");
                Assert.True(Exact.CountTokens(chunk) <= limit);
                chunks.Add(chunk);
                rest = remaining;
            }

            if (fromEnd)
            {
                chunks.Reverse();
            }

            Assert.Equal(article, string.Concat(chunks));
            var ids = Exact.Inner.TokenizeToIds(article);
            var longestWord = LongestWordPieces(ids);
            if (longestWord <= limit - 2)
            {
                Assert.Equal(ids, chunks.SelectMany(c => Exact.Inner.TokenizeToIds(c)));
            }
        }

        Assert.Contains(adversarial, t => LongestWordPieces(Exact.Inner.TokenizeToIds(t)) > limit - 2); // the cut-inside case ran
    }

    private static int LongestWordPieces(int[] ids)
    {
        int longest = 0, run = 0;
        foreach (var id in ids)
        {
            run = Exact.Inner.IdToToken(id).StartsWith("##", StringComparison.Ordinal) ? run + 1 : 1;
            longest = Math.Max(longest, run);
        }

        return longest;
    }

    [Fact]
    public void Decoding_joins_pieces_and_skips_special_tokens()
    {
        var ids = Exact.EncodeToIds("Unbelievably, the moon!");
        Assert.Equal("unbelievably , the moon !", Exact.Decode(ids));

        var buffer = new char[10];
        var status = Exact.Decode(ids, buffer, out var used, out var written);
        Assert.Equal(System.Buffers.OperationStatus.DestinationTooSmall, status);
        Assert.Equal("unbelieva", new string(buffer, 0, written)); // [CLS] un ##bel ##ie ##va fit; ##bly does not
        Assert.Equal(5, used);
        Assert.Equal(System.Buffers.OperationStatus.InvalidData, Exact.Decode([-1], new char[8], out _, out _));
    }

    private static string JsonText(string text) => System.Text.Json.JsonSerializer.Serialize(text.Length > 100 ? text[..100] : text);
}

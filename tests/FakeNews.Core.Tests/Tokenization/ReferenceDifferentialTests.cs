using System.Text;
using System.Text.Json;
using FakeNews.Core.Tokenization;

namespace FakeNews.Core.Tests.Tokenization;

/// <summary>
/// Differential tests against Hugging Face tokenizers (tests/reference-tokenizer): identical ids, [CLS]/[SEP]
/// included, untruncated and truncated to 128 and 512, for every text in ../shared/data and the adversarial corpus.
/// </summary>
public sealed class ReferenceDifferentialTests
{
    private static readonly int[] s_maxLengths = [128, 512];

    [SkippableTheory]
    [InlineData("minilm")]
    [InlineData("tiny-distilbert")]
    public void Ids_equal_the_Hugging_Face_reference_on_every_data_and_adversarial_text(string vocabulary)
    {
        var vocab = vocabulary == "minilm" ? RepositoryPaths.RequireMiniLmVocab() : RepositoryPaths.RequireTinyVocab();
        var texts = TokenizerCorpus.AdversarialTexts();
        Assert.True(texts.Count >= 500, $"The adversarial corpus has only {texts.Count} strings.");
        var data = TokenizerCorpus.DataTexts();
        Assert.True(data.Count > 20_000, $"Only {data.Count} texts were read from the data folder.");
        texts.AddRange(data);

        AssertSameAsReference(vocab, new TokenizerOptions(), texts);
    }

    [SkippableFact]
    public void Ids_equal_the_reference_when_case_and_accents_are_kept()
    {
        var vocab = RepositoryPaths.RequireMiniLmVocab();
        var texts = TokenizerCorpus.AdversarialTexts();
        texts.AddRange(TokenizerCorpus.DataTexts().Take(5_000));

        AssertSameAsReference(vocab, new TokenizerOptions { LowerCase = false }, texts);
    }

    [SkippableFact]
    public void Offsets_equal_the_Hugging_Face_reference_on_every_data_and_adversarial_text()
    {
        var vocab = RepositoryPaths.RequireMiniLmVocab();
        var texts = TokenizerCorpus.AdversarialTexts();
        texts.AddRange(TokenizerCorpus.DataTexts());
        var tokenizer = BertWordPieceTokenizer.Create(vocab);
        var expected = ReferenceTokenizer.EncodeWithOffsets(vocab, texts);
        var failures = new List<string>();
        var mismatches = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            var actual = tokenizer.TokenizeWithOffsets(texts[i]);
            var (ids, offsets) = expected[i];
            Assert.True(actual.Ids.AsSpan().SequenceEqual(ids.AsSpan(1, ids.Length - 2)), $"ids differ on text {i}");
            for (var k = 0; k < actual.Count; k++)
            {
                var (start, end) = (offsets[k + 1][0], offsets[k + 1][1]);
                if (actual.Offsets[k] == new TokenOffset(start, end))
                {
                    continue;
                }

                mismatches++;
                if (failures.Count < 10)
                {
                    var shown = texts[i].Length > 200 ? texts[i][..200] + "…" : texts[i];
                    failures.Add($"- text {JsonSerializer.Serialize(shown)}: token {k} ({tokenizer.IdToToken(actual.Ids[k])}) "
                        + $"reference [{start}, {end}), ours [{actual.Offsets[k].Start}, {actual.Offsets[k].End})");
                }

                break;
            }
        }

        Assert.True(mismatches == 0, $"{mismatches} of {texts.Count} texts have offsets that differ from the reference:\n" + string.Join("\n", failures));
    }

    public static TheoryData<string> NormalizerSettings => ["uncased", "cased", "lowercase only", "strip accents only", "no CJK split"];

    [Theory]
    [MemberData(nameof(NormalizerSettings))]
    public void Every_code_point_normalizes_and_splits_like_the_reference_with_a_one_token_per_character_vocabulary(string settings)
    {
        var options = settings switch
        {
            "uncased" => new TokenizerOptions(),
            "cased" => new TokenizerOptions { LowerCase = false },
            "lowercase only" => new TokenizerOptions { StripAccents = false },
            "strip accents only" => new TokenizerOptions { LowerCase = false, StripAccents = true },
            _ => new TokenizerOptions { TokenizeChineseChars = false },
        };

        // With a token (and a ## continuation) for every character, the ids spell out exactly which characters the
        // normalizer produced, in which order and where words split; MiniLM's vocabulary would hide most of that as [UNK].
        // The settings that are not the models' own skip most of the CJK extension planes (ideographs all alike).
        var codePoints = SampledCodePoints().Where(cp => settings == "uncased" || cp < 0x20000 || cp % 11 == 0 || cp is >= 0x2F800 and <= 0x2FA1F).ToList();
        var vocab = Path.Combine(Path.GetTempPath(), $"char-vocab-{Guid.NewGuid():N}.txt");
        try
        {
            using (var writer = new StreamWriter(vocab, false, new UTF8Encoding(false)))
            {
                writer.Write("[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\n");
                foreach (var cp in codePoints.Where(cp => !Rune.IsWhiteSpace(new Rune(cp))))
                {
                    var c = char.ConvertFromUtf32(cp);
                    writer.Write($"{c}\n##{c}\n");
                }
            }

            var texts = TokenizerCorpus.AdversarialTexts();
            var text = new StringBuilder();
            foreach (var cp in codePoints.Where(cp => cp > 0))
            {
                // Alone, inside a word and at a word's start: removal, mapping, punctuation and CJK splitting all show.
                var c = char.ConvertFromUtf32(cp);
                text.Append(c).Append(" x").Append(c).Append("y ").Append(c).Append("ab ");
                if (text.Length > 400)
                {
                    texts.Add(text.ToString());
                    text.Clear();
                }
            }

            texts.Add(text.ToString());
            AssertSameAsReference(vocab, options, texts);
        }
        finally
        {
            File.Delete(vocab);
        }
    }

    // All of planes 0-3 and 14 (every assigned character today); a sample of the unassigned and private-use planes.
    private static IEnumerable<int> SampledCodePoints()
    {
        for (var cp = 0; cp < 0x110000; cp++)
        {
            var plane = cp >> 16;
            if (cp is < 0xD800 or > 0xDFFF && (plane is <= 3 or 14 || cp % 997 == 0))
            {
                yield return cp;
            }
        }
    }

    [Fact]
    public void The_committed_Unicode_table_is_what_the_reference_generates_today()
    {
        var generated = Path.Combine(Path.GetTempPath(), $"BertUnicode.{Guid.NewGuid():N}.cs");
        try
        {
            ReferenceTokenizer.RunNode(["unicode-tables.js", generated]);
            Assert.True(File.ReadAllText(RepositoryPaths.UnicodeTable) == File.ReadAllText(generated),
                "src/FakeNews.Core/Tokenization/BertUnicode.Data.g.cs is stale: run `node unicode-tables.js` in tests/reference-tokenizer.");
        }
        finally
        {
            File.Delete(generated);
        }
    }

    private static void AssertSameAsReference(string vocab, TokenizerOptions options, List<string> texts)
    {
        var tokenizer = BertWordPieceTokenizer.Create(vocab, options);
        var expected = ReferenceTokenizer.Encode(vocab, texts, s_maxLengths, options);
        var failures = new List<string>();
        var mismatches = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            var actual = new List<int[]> { tokenizer.Wrap(tokenizer.TokenizeToIds(texts[i])).InputIds };
            actual.AddRange(s_maxLengths.Select(n => tokenizer.Encode(texts[i], n).InputIds));
            for (var k = 0; k < actual.Count; k++)
            {
                if (actual[k].AsSpan().SequenceEqual(expected[i][k]))
                {
                    continue;
                }

                mismatches++;
                if (failures.Count < 10)
                {
                    failures.Add(Describe(texts[i], k == 0 ? "untruncated" : $"max length {s_maxLengths[k - 1]}", expected[i][k], actual[k]));
                }

                break;
            }
        }

        Assert.True(mismatches == 0,
            $"{mismatches} of {texts.Count} texts differ from the reference ({vocab}, lowercase={options.LowerCase}, strip accents={options.StripAccents}, CJK split={options.TokenizeChineseChars}):\n"
            + string.Join("\n", failures));
    }

    private static string Describe(string text, string variant, int[] expected, int[] actual)
    {
        var first = 0;
        while (first < expected.Length && first < actual.Length && expected[first] == actual[first])
        {
            first++;
        }

        var from = Math.Max(0, first - 5);
        static string Ids(int[] ids, int from) => $"[{(from > 0 ? "… " : "")}{string.Join(", ", ids.Skip(from).Take(30))}{(ids.Length > from + 30 ? " …" : "")}] ({ids.Length} ids)";
        var shown = text.Length > 300 ? text[..300] + "…" : text;
        return $"- {variant}: text {JsonSerializer.Serialize(shown)}\n  first difference at position {first}\n"
            + $"  reference: {Ids(expected, from)}\n  ours:      {Ids(actual, from)}";
    }
}

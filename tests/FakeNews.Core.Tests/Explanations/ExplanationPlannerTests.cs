using FakeNews.Core.Classification;
using FakeNews.Core.Explanations;
using FakeNews.Core.Tests.Tokenization;
using FakeNews.Core.Tokenization;

namespace FakeNews.Core.Tests.Explanations;

public sealed class ExplanationPlannerTests
{
    private static readonly Lazy<BertWordPieceTokenizer> s_tokenizer = new(() =>
        BertWordPieceTokenizer.Create(Path.Combine(RepositoryPaths.Root, "models", "minilm-news-v2", "vocab.txt")));

    private static BertWordPieceTokenizer Tokenizer => s_tokenizer.Value;

    public static TheoryData<string> Texts { get; } =
    [
        "Says the state budget grew by 40 percent during her first term.",
        "Café résumé naïve: «Ça coûte 3,5 M€»… c'est énorme!!! 🔥🔥 (vraiment?)",
        "  Leading and trailing   spaces\tand\ttabs \n\n and lines  ",
        "Emoji 👍🏽 and family 👨‍👩‍👧 and flags 🇺🇸, ZWJ\u200bjoined, e\u0301 combining, Ελληνικά, 中文字符, ---, \"quotes\"",
        "Hyphen-ated words, U.S.-based groups, $1.5 trillion, 100% (sic), obama's \"claim\".",
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Unit_offsets_slice_the_text_and_the_units_ids_add_up_to_the_input_ids(string text)
    {
        var request = new ClassificationRequest(text);

        var plan = ExplanationPlanner.Plan(Tokenizer, request, windowSize: 254);

        Assert.Equal(Tokenizer.TokenizeToIds(request.ModelInput()), plan.Ids);
        Assert.Equal(AttributionGranularity.Word, plan.Granularity);
        Assert.NotEmpty(plan.Units);
        foreach (var unit in plan.Units)
        {
            Assert.Equal(AttributionSources.Text, unit.Source);
            Assert.Equal(unit.Text, text[unit.Start..unit.End]);
            Assert.Equal(Tokenizer.TokenizeToIds(unit.Text), plan.Ids[unit.TokenStart..unit.TokenEnd]);
        }

        AssertInOrderAndDisjoint(plan.Units);
    }

    [Fact]
    public void A_word_of_several_pieces_is_one_unit_and_punctuation_around_it_is_left_out()
    {
        var plan = ExplanationPlanner.Plan(Tokenizer, new ClassificationRequest("Unaffordable, \"overreaching\" taxes!"), windowSize: 254);

        Assert.Equal(["Unaffordable", "overreaching", "taxes"], plan.Units.Select(u => u.Text));
        Assert.True(plan.Units[0].TokenEnd - plan.Units[0].TokenStart > 1, "the test word must split into several WordPiece tokens");
    }

    [Fact]
    public void Title_and_metadata_fields_are_their_own_sources_with_offsets_into_their_own_strings()
    {
        var metadata = new ArticleMetadata(Speaker: " jane roe ", Party: "democrat", Context: "a TV ad");
        var request = new ClassificationRequest("The budget grew.", Title: "  Budget news ", Metadata: metadata);

        var plan = ExplanationPlanner.Plan(Tokenizer, request, windowSize: 254);

        Assert.Equal(Tokenizer.TokenizeToIds(request.ModelInput()), plan.Ids);
        var fields = plan.Units.Where(u => u.Source == AttributionSources.Metadata).ToList();
        Assert.Equal(["speaker", "party", "context"], fields.Select(u => u.Field));
        Assert.Equal("jane roe", metadata.Speaker![fields[0].Start..fields[0].End]);
        Assert.Equal(Tokenizer.TokenizeToIds("speaker: jane roe |"), plan.Ids[fields[0].TokenStart..fields[0].TokenEnd]);
        var title = plan.Units.Where(u => u.Source == AttributionSources.Title).ToList();
        Assert.Equal(["Budget", "news"], title.Select(u => u.Text));
        Assert.All(title, u => Assert.Equal(u.Text, request.Title![u.Start..u.End]));
        Assert.Equal(["The", "budget", "grew"], plan.Units.Where(u => u.Source == AttributionSources.Text).Select(u => u.Text));
        AssertInOrderAndDisjoint(plan.Units);
    }

    [Fact]
    public void A_text_longer_than_one_window_is_explained_by_sentences()
    {
        var text = "The senator spoke on Monday. Mr. Smith said the U.S. economy grew by 3.5 percent!\n"
            + "Critics disagreed \u2014 \"it did not,\" they said. Then nothing happened…\n\nA new paragraph starts here";

        var plan = ExplanationPlanner.Plan(Tokenizer, new ClassificationRequest(text), windowSize: 8);

        Assert.Equal(AttributionGranularity.Sentence, plan.Granularity);
        Assert.Equal(
            [
                "The senator spoke on Monday.",
                "Mr. Smith said the U.S. economy grew by 3.5 percent!",
                "Critics disagreed \u2014 \"it did not,\" they said.",
                "Then nothing happened…",
                "A new paragraph starts here",
            ],
            plan.Units.Select(u => u.Text));
        Assert.All(plan.Units, u => Assert.Equal(u.Text, text[u.Start..u.End]));
        Assert.Equal(0, plan.Units[0].TokenStart);
        Assert.Equal(plan.Ids.Length, plan.Units[^1].TokenEnd);
        AssertInOrderAndDisjoint(plan.Units);
    }

    [Fact]
    public void A_one_window_text_of_more_than_the_word_limit_is_explained_by_sentences()
    {
        var words = string.Join(' ', Enumerable.Repeat("word", ExplanationPlanner.MaxWordUnits - 2));
        var atLimit = new ClassificationRequest(words + ". Two more.");
        var overLimit = new ClassificationRequest(words + ". Three more words.");

        var word = ExplanationPlanner.Plan(Tokenizer, atLimit, windowSize: 254);
        var sentence = ExplanationPlanner.Plan(Tokenizer, overLimit, windowSize: 254);

        Assert.Equal(AttributionGranularity.Word, word.Granularity);
        Assert.Equal(ExplanationPlanner.MaxWordUnits, word.Units.Count);
        Assert.Equal(AttributionGranularity.Sentence, sentence.Granularity);
        Assert.Equal([words + ".", "Three more words."], sentence.Units.Select(u => u.Text));
    }

    [Fact]
    public void Characters_the_tokenizer_drops_make_no_unit()
    {
        var plan = ExplanationPlanner.Plan(Tokenizer, new ClassificationRequest("real \u200b\u200b words"), windowSize: 254);

        Assert.Equal(["real", "words"], plan.Units.Select(u => u.Text));
    }

    private static void AssertInOrderAndDisjoint(IReadOnlyList<AttributionUnit> units)
    {
        for (var i = 1; i < units.Count; i++)
        {
            Assert.True(units[i].TokenStart >= units[i - 1].TokenEnd, $"unit {i} overlaps unit {i - 1}");
        }
    }
}

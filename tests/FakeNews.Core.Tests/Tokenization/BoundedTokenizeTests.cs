using FakeNews.Core.Chunking;
using FakeNews.Core.Tokenization;

namespace FakeNews.Core.Tests.Tokenization;

/// <summary>Tokenizing up to a bound gives a prefix of the full ids and reaches the bound exactly when the text does.</summary>
public sealed class BoundedTokenizeTests
{
    private static readonly BertWordPieceTokenizer Tokenizer = BertWordPieceTokenizer.Create(RepositoryPaths.RequireTinyVocab());

    public static TheoryData<string> Texts() =>
    [
        "",
        "Says the economy grew by 4 percent, the fastest in a decade!",
        "unbelievablyunrecognisableword " + new string('x', 300) + " ok",
        "中文字符 and ASCII, \u200B zero width, e\u0301 combining, \ud800 lone surrogate.",
        string.Join(' ', Enumerable.Repeat("taxes rose again", 200)),
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Bounded_ids_are_a_prefix_of_the_full_ids_and_reach_the_bound_only_when_the_text_does(string text)
    {
        var full = Tokenizer.TokenizeToIds(text);
        foreach (var bound in new[] { 0, 1, 2, 7, full.Length - 1, full.Length, full.Length + 1, 10_000 }.Where(b => b >= 0))
        {
            var bounded = Tokenizer.TokenizeToIds(text, bound);

            Assert.Equal(full.AsSpan(0, bounded.Length).ToArray(), bounded);
            Assert.Equal(full.Length >= bound, bounded.Length >= bound);
        }
    }

    [Theory]
    [InlineData(254, 64, 1, 254)]
    [InlineData(254, 64, 2, 444)]
    [InlineData(8, 2, 2, 14)]
    [InlineData(1000, 0, 100_000_000, int.MaxValue - 1)]
    public void Max_tokens_is_what_the_planner_accepts(int windowSize, int overlap, int maxWindows, int expected)
    {
        Assert.Equal(expected, TokenWindowPlanner.MaxTokens(windowSize, overlap, maxWindows));
        if (expected < 1_000_000)
        {
            Assert.Equal(maxWindows, TokenWindowPlanner.Plan(expected, windowSize, overlap, maxWindows).Count);
            Assert.Throws<FakeNews.Core.Classification.ClassificationException>(() => TokenWindowPlanner.Plan(expected + 1, windowSize, overlap, maxWindows));
        }
    }
}

using FakeNews.Core.Chunking;
using FakeNews.Core.Classification;

namespace FakeNews.Core.Tests.Chunking;

public class TokenWindowPlannerTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(10)]
    public void Text_that_fits_gets_one_window_covering_it(int tokens)
    {
        var windows = TokenWindowPlanner.Plan(tokens, windowSize: 10, overlap: 4, maxWindows: 8);

        Assert.Equal([new TokenWindow(0, 0, tokens)], windows);
    }

    [Fact]
    public void One_token_past_the_window_adds_a_second_window_that_shares_the_overlap()
    {
        var windows = TokenWindowPlanner.Plan(11, windowSize: 10, overlap: 4, maxWindows: 8);

        Assert.Equal([new TokenWindow(0, 0, 10), new TokenWindow(1, 6, 5)], windows);
    }

    [Fact]
    public void Windows_advance_by_window_minus_overlap_and_the_last_one_ends_at_the_text_end()
    {
        Assert.Equal(
            [new TokenWindow(0, 0, 10), new TokenWindow(1, 6, 10), new TokenWindow(2, 12, 10)],
            TokenWindowPlanner.Plan(22, windowSize: 10, overlap: 4, maxWindows: 8));
        Assert.Equal(
            [new TokenWindow(0, 0, 10), new TokenWindow(1, 6, 10), new TokenWindow(2, 12, 10), new TokenWindow(3, 18, 5)],
            TokenWindowPlanner.Plan(23, windowSize: 10, overlap: 4, maxWindows: 8));
    }

    [Fact]
    public void Zero_overlap_gives_disjoint_windows()
    {
        var windows = TokenWindowPlanner.Plan(25, windowSize: 10, overlap: 0, maxWindows: 8);

        Assert.Equal([new TokenWindow(0, 0, 10), new TokenWindow(1, 10, 10), new TokenWindow(2, 20, 5)], windows);
    }

    [Theory]
    [InlineData(254, 64, 1000)]
    [InlineData(254, 64, 5000)]
    [InlineData(126, 0, 127)]
    [InlineData(3, 2, 50)]
    public void Windows_cover_every_token_and_consecutive_windows_share_exactly_the_overlap(int window, int overlap, int tokens)
    {
        var windows = TokenWindowPlanner.Plan(tokens, window, overlap, maxWindows: 10_000);

        Assert.Equal(TokenWindowPlanner.CountWindows(tokens, window, overlap), windows.Count);
        Assert.Equal(0, windows[0].Start);
        Assert.Equal(tokens, windows[^1].End);
        Assert.All(windows, w => Assert.InRange(w.Count, 1, window));
        for (var i = 1; i < windows.Count; i++)
        {
            Assert.Equal(overlap, windows[i - 1].End - windows[i].Start);
            Assert.Equal(window, windows[i - 1].Count);
        }

        // No window is redundant: the one before the last does not already reach the end.
        if (windows.Count > 1)
        {
            Assert.True(windows[^2].End < tokens);
        }
    }

    [Fact]
    public void Exactly_max_windows_is_allowed()
    {
        // 10 + 3 * 6 = 28 tokens need exactly 4 windows.
        Assert.Equal(4, TokenWindowPlanner.Plan(28, windowSize: 10, overlap: 4, maxWindows: 4).Count);
    }

    [Fact]
    public void More_than_max_windows_is_too_long()
    {
        var error = Assert.Throws<ClassificationException>(() => TokenWindowPlanner.Plan(29, windowSize: 10, overlap: 4, maxWindows: 4));

        Assert.Equal(ErrorKind.TooLong, error.Kind);
        Assert.Contains("29 tokens", error.Message);
        Assert.Contains("5 windows", error.Message);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(10, 10)]
    [InlineData(10, -1)]
    public void Window_size_and_overlap_are_validated(int window, int overlap)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenWindowPlanner.Plan(5, window, overlap, maxWindows: 4));
    }
}

using FakeNews.Core.Chunking;

namespace FakeNews.Core.Tests.Chunking;

public class WindowAggregationTests
{
    [Fact]
    public void One_window_keeps_its_probabilities()
    {
        var result = WindowAggregation.TokenWeightedMean([[0.3f, 0.7f]], [new TokenWindow(0, 0, 17)]);

        Assert.Equal([0.3f, 0.7f], result);
    }

    [Fact]
    public void Windows_are_weighted_by_their_token_count()
    {
        // (254 * 0.2 + 254 * 0.6 + 127 * 0.9) / 635 = 0.5
        var result = WindowAggregation.TokenWeightedMean(
            [[0.8f, 0.2f], [0.4f, 0.6f], [0.1f, 0.9f]],
            [new TokenWindow(0, 0, 254), new TokenWindow(1, 190, 254), new TokenWindow(2, 380, 127)]);

        Assert.Equal(0.5f, result[1], 1e-6f);
        Assert.Equal(1f, result[0] + result[1], 1e-6f);
    }

    [Fact]
    public void Equal_windows_give_the_plain_mean()
    {
        var result = WindowAggregation.TokenWeightedMean(
            [[0.9f, 0.1f], [0.5f, 0.5f]],
            [new TokenWindow(0, 0, 10), new TokenWindow(1, 6, 10)]);

        Assert.Equal(0.3f, result[1], 1e-6f);
    }

    [Fact]
    public void Mismatched_counts_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => WindowAggregation.TokenWeightedMean([[0.5f, 0.5f]], []));
        Assert.Throws<ArgumentException>(() => WindowAggregation.TokenWeightedMean(
            [[0.5f, 0.5f], [1f]], [new TokenWindow(0, 0, 3), new TokenWindow(1, 1, 3)]));
    }
}

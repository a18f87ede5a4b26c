using FakeNews.Core.Data;
using FakeNews.Evaluation.Data;
using FakeNews.Evaluation.Scoring;

namespace FakeNews.Evaluation.Tests.Scoring;

public sealed class LengthCheckTests
{
    private static EvalDataset Data(params int[] words) => new(
        "data.csv",
        new string('0', 64),
        DataFormat.Csv,
        words.Select((n, i) => new EvalExample(i + 2, $"e{i}", true, string.Join(' ', Enumerable.Repeat("w", n)), null, null, new Dictionary<string, string>())).ToList());

    private static int CountWords(string text) => text.Split(' ').Length;

    [Fact]
    public void Examples_within_the_window_limit_pass()
    {
        // Windows of 10 with overlap 2 advance by 8: 4 windows cover 10 + 3 x 8 = 34 tokens.
        LengthCheck.EnsureAllFit(Data(5, 34, 10), CountWords, useMetadata: false, windowSize: 10, overlap: 2, maxWindows: 4);
    }

    [Fact]
    public void The_first_example_over_the_limit_is_named_with_its_line_before_scoring()
    {
        var error = Assert.Throws<DataFormatException>(() =>
            LengthCheck.EnsureAllFit(Data(5, 35, 100), CountWords, useMetadata: false, windowSize: 10, overlap: 2, maxWindows: 4));

        Assert.Equal(3, error.Line);
        Assert.Equal("example 'e1' has 35 tokens and needs 5 windows of 10 (overlap 2); the model allows 4", error.Reason);
    }
}

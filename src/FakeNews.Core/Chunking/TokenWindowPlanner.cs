using FakeNews.Core.Classification;

namespace FakeNews.Core.Chunking;

/// <summary>
/// Splits a token sequence that does not fit the model into overlapping windows. Pure and allocation-light.
/// </summary>
/// <remarks>
/// A window holds <c>windowSize</c> text tokens (the model's maximum length minus [CLS] and [SEP]). Consecutive
/// windows share <c>overlap</c> tokens, so window <c>k</c> starts at <c>k * (windowSize - overlap)</c>. Windows are
/// added until one reaches the end of the text; that last window may be shorter. A text that fits in one window
/// yields exactly one window, also when it is empty.
/// </remarks>
public static class TokenWindowPlanner
{
    /// <summary>Number of windows a text of <paramref name="tokenCount"/> tokens needs.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range (see <see cref="Validate"/>).</exception>
    public static int CountWindows(int tokenCount, int windowSize, int overlap)
    {
        Validate(windowSize, overlap);
        ArgumentOutOfRangeException.ThrowIfNegative(tokenCount);
        if (tokenCount <= windowSize)
        {
            return 1;
        }

        var step = windowSize - overlap;
        // Windows after the first each advance by `step`; enough of them to cover the tokens past the first window.
        return 1 + (int)(((long)tokenCount - windowSize + step - 1) / step);
    }

    /// <summary>The most tokens <paramref name="maxWindows"/> windows can hold; capped below <see cref="int.MaxValue"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range (see <see cref="Validate"/>).</exception>
    public static int MaxTokens(int windowSize, int overlap, int maxWindows)
    {
        Validate(windowSize, overlap);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWindows, 1);
        var tokens = windowSize + ((long)(maxWindows - 1) * (windowSize - overlap));
        return (int)Math.Min(tokens, int.MaxValue - 1);
    }

    /// <summary>Plans the windows of a text of <paramref name="tokenCount"/> tokens.</summary>
    /// <exception cref="ClassificationException">
    /// <see cref="ErrorKind.TooLong"/> when more than <paramref name="maxWindows"/> windows would be needed.
    /// </exception>
    public static IReadOnlyList<TokenWindow> Plan(int tokenCount, int windowSize, int overlap, int maxWindows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWindows, 1);
        var count = CountWindows(tokenCount, windowSize, overlap);
        if (count > maxWindows)
        {
            throw new ClassificationException(
                ErrorKind.TooLong,
                $"The text has {tokenCount} tokens and needs {count} windows of {windowSize} tokens (overlap {overlap}); the limit is {maxWindows} windows.");
        }

        var step = windowSize - overlap;
        var windows = new TokenWindow[count];
        for (var i = 0; i < count; i++)
        {
            var start = i * step;
            windows[i] = new TokenWindow(i, start, Math.Min(windowSize, tokenCount - start));
        }

        return windows;
    }

    /// <summary>Checks that <paramref name="windowSize"/> is positive and <paramref name="overlap"/> is in [0, windowSize).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Either value is out of range.</exception>
    public static void Validate(int windowSize, int overlap)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(overlap);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(overlap, windowSize);
    }
}

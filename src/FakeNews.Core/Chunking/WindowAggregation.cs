namespace FakeNews.Core.Chunking;

/// <summary>
/// Combines per-window label probabilities into the article's probabilities.
/// </summary>
/// <remarks>
/// The rule is the token-weighted mean: each window's calibrated probability vector is weighted by the number of
/// text tokens in that window, so a short tail window counts for less than a full one, and a text that fits in
/// one window keeps its probabilities unchanged. Because every window's vector sums to 1, so does the result.
/// Tokens in an overlap are counted once per window that holds them. A window with zero tokens (the empty text)
/// gets weight 1 so that the mean stays defined.
/// </remarks>
public static class WindowAggregation
{
    /// <summary>The token-weighted mean of <paramref name="probabilities"/>, one vector per window.</summary>
    /// <exception cref="ArgumentException">The lists are empty, differ in length, or the vectors differ in length.</exception>
    public static float[] TokenWeightedMean(IReadOnlyList<float[]> probabilities, IReadOnlyList<TokenWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(windows);
        if (probabilities.Count == 0 || probabilities.Count != windows.Count)
        {
            throw new ArgumentException($"Expected one probability vector per window; got {probabilities.Count} vectors for {windows.Count} windows.", nameof(probabilities));
        }

        var labels = probabilities[0].Length;
        var sums = new double[labels];
        double totalWeight = 0;
        for (var w = 0; w < windows.Count; w++)
        {
            if (probabilities[w].Length != labels)
            {
                throw new ArgumentException($"Window {w} has {probabilities[w].Length} probabilities; window 0 has {labels}.", nameof(probabilities));
            }

            double weight = Math.Max(1, windows[w].Count);
            totalWeight += weight;
            for (var l = 0; l < labels; l++)
            {
                sums[l] += weight * probabilities[w][l];
            }
        }

        var result = new float[labels];
        for (var l = 0; l < labels; l++)
        {
            result[l] = (float)(sums[l] / totalWeight);
        }

        return result;
    }
}

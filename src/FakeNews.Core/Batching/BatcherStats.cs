namespace FakeNews.Core.Batching;

/// <summary>Cumulative counters of a <see cref="DynamicBatcher"/>, for benchmarks and logs.</summary>
/// <param name="Items">Sequences run (one per window).</param>
/// <param name="Batches">Batches run.</param>
/// <param name="PaddedTokens">Tokens computed, padding included (rows x padded length, summed).</param>
/// <param name="RealTokens">Tokens that were not padding.</param>
public sealed record BatcherStats(long Items, long Batches, long PaddedTokens, long RealTokens)
{
    /// <summary>Mean sequences per batch; 0 before the first batch.</summary>
    public double MeanBatchSize => Batches == 0 ? 0 : (double)Items / Batches;

    /// <summary>Share of computed tokens that were padding, in [0, 1); 0 before the first batch.</summary>
    public double PaddingRatio => PaddedTokens == 0 ? 0 : (double)(PaddedTokens - RealTokens) / PaddedTokens;
}

namespace FakeNews.Core.Batching;

/// <summary>
/// Runs one padded batch through a model and returns its logits. The <see cref="DynamicBatcher"/> calls
/// <see cref="Run"/> from a single loop, never concurrently.
/// </summary>
public interface IBatchBackend
{
    /// <summary>Number of logits per row.</summary>
    int LabelCount { get; }

    /// <summary>
    /// Runs the batch synchronously and returns one logits row of <see cref="LabelCount"/> values per sequence,
    /// in batch order. Throws on failure; the batcher turns that into a <c>BackendFailure</c> for this batch only.
    /// </summary>
    float[][] Run(TokenBatch batch);
}

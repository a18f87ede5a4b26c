namespace FakeNews.Core.Batching;

/// <summary>
/// Runs one padded batch through a model and returns its logits. The <see cref="DynamicBatcher"/> calls
/// <see cref="Run"/> from a single loop, never concurrently.
/// </summary>
public interface IBatchBackend
{
    /// <summary>
    /// Number of values in each returned row: the label count times the number of logits outputs fetched (a model
    /// with a head per input kind returns every head's logits side by side, first output first). The batcher
    /// refuses rows of any other width as a backend failure.
    /// </summary>
    int RowWidth { get; }

    /// <summary>
    /// Runs the batch synchronously and returns one row of <see cref="RowWidth"/> logits per sequence, in batch
    /// order. Throws on failure; the batcher turns that into a <c>BackendFailure</c> for this batch only.
    /// </summary>
    float[][] Run(TokenBatch batch);
}

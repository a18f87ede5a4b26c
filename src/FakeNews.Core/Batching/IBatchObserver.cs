namespace FakeNews.Core.Batching;

/// <summary>
/// Sees every batch a classifier's batcher forms, just before it runs (warm-up excluded): for metrics and
/// benchmarks. Called on the batcher's loop, so it must be quick and thread-safe.
/// </summary>
public interface IBatchObserver
{
    /// <summary>Called with a batch about to run.</summary>
    void OnBatch(TokenBatch batch);
}

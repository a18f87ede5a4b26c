using FakeNews.Core.Batching;

namespace FakeNews.Inference;

/// <summary>Shows each batch to <see cref="ClassifierOptions.BatchObserver"/>, then runs it on the inner backend.</summary>
internal sealed class ObservedBackend(IBatchBackend inner, Action<TokenBatch> observer) : IBatchBackend
{
    /// <inheritdoc />
    public int LabelCount => inner.LabelCount;

    /// <inheritdoc />
    public float[][] Run(TokenBatch batch)
    {
        observer(batch);
        return inner.Run(batch);
    }
}

using FakeNews.Core.Batching;

namespace FakeNews.Inference;

/// <summary>Shows each batch to an <see cref="IBatchObserver"/>, then runs it on the inner backend.</summary>
internal sealed class ObservedBackend(IBatchBackend inner, IBatchObserver observer) : IBatchBackend
{
    /// <inheritdoc />
    public int RowWidth => inner.RowWidth;

    /// <inheritdoc />
    public float[][] Run(TokenBatch batch)
    {
        observer.OnBatch(batch);
        return inner.Run(batch);
    }
}

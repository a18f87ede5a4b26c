using FakeNews.Baseline.Serving;
using FakeNews.Core.Batching;
using FakeNews.Core.Chunking;
using FakeNews.Core.Classification;
using FakeNews.Core.Explanations;
using FakeNews.Core.Models;

namespace FakeNews.Serving;

/// <summary>
/// The ML.NET baseline behind <see cref="IServedClassifier"/>: no batcher, no window limit; explanations delete one
/// word or metadata field at a time (<see cref="DeletionExplainer"/>).
/// </summary>
internal sealed class ServedBaseline(BaselineClassifier inner) : IServedClassifier
{
    private static readonly BatcherStats NoBatches = new(0, 0, 0, 0);

    /// <summary>The wrapped baseline.</summary>
    public BaselineClassifier Inner => inner;

    public ModelInfo Model => inner.Model;

    public float Threshold => inner.Folder.Config.Threshold;

    public float Temperature => 1f;

    public IReadOnlyDictionary<InputKind, KindCalibration>? Kinds => null;

    public int QueueLength => 0;

    public BatcherStats Stats => NoBatches;

    public WindowFit MeasureWindows(string modelInput)
    {
        ArgumentNullException.ThrowIfNull(modelInput);
        var words = modelInput.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        return new WindowFit(words, 1, 0, 0, 1);
    }

    public Task<ClassificationResult> ClassifyAsync(ClassificationRequest request, CancellationToken cancellationToken = default) =>
        inner.ClassifyAsync(request, cancellationToken);

    public async Task<IReadOnlyList<ClassificationResult>> ClassifyManyAsync(
        IReadOnlyList<ClassificationRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var results = new ClassificationResult[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            results[i] = await inner.ClassifyAsync(requests[i], cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    public Task<Explanation> ExplainAsync(ClassificationRequest request, CancellationToken cancellationToken = default) =>
        DeletionExplainer.ExplainAsync(inner, request, cancellationToken);

    public async Task<IReadOnlyList<Explanation>> ExplainManyAsync(
        IReadOnlyList<ClassificationRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var results = new Explanation[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            results[i] = await ExplainAsync(requests[i], cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}

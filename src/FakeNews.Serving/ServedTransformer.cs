using FakeNews.Core.Batching;
using FakeNews.Core.Chunking;
using FakeNews.Core.Classification;
using FakeNews.Core.Explanations;
using FakeNews.Core.Models;
using FakeNews.Inference;

namespace FakeNews.Serving;

/// <summary>The ONNX transformer pipeline behind <see cref="IServedClassifier"/>; every call goes straight to it.</summary>
internal sealed class ServedTransformer(FakeNewsClassifier inner) : IServedClassifier
{
    /// <summary>The wrapped pipeline.</summary>
    public FakeNewsClassifier Inner => inner;

    public ModelInfo Model => inner.Model;

    public float Threshold => inner.Folder.Config.Threshold;

    public float Temperature => inner.Folder.Config.Temperature;

    public IReadOnlyDictionary<InputKind, KindCalibration>? Kinds => inner.Folder.Config.Kinds;

    public int QueueLength => inner.QueueLength;

    public BatcherStats Stats => inner.Stats;

    public WindowFit MeasureWindows(string modelInput) => inner.MeasureWindows(modelInput);

    public Task<ClassificationResult> ClassifyAsync(ClassificationRequest request, CancellationToken cancellationToken = default) =>
        inner.ClassifyAsync(request, cancellationToken);

    public Task<IReadOnlyList<ClassificationResult>> ClassifyManyAsync(
        IReadOnlyList<ClassificationRequest> requests, CancellationToken cancellationToken = default) =>
        inner.ClassifyManyAsync(requests, cancellationToken);

    public Task<Explanation> ExplainAsync(ClassificationRequest request, CancellationToken cancellationToken = default) =>
        inner.ExplainAsync(request, cancellationToken);

    public Task<IReadOnlyList<Explanation>> ExplainManyAsync(
        IReadOnlyList<ClassificationRequest> requests, CancellationToken cancellationToken = default) =>
        inner.ExplainManyAsync(requests, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}

namespace FakeNews.Core.Classification;

/// <summary>
/// Classifies texts as fake or real. Implementations are thread-safe singletons shared by all callers of a host;
/// failures surface as <see cref="ClassificationException"/>.
/// </summary>
public interface ITextClassifier
{
    /// <summary>What model is being served and how.</summary>
    ModelInfo Model { get; }

    /// <summary>Classifies one request. Cancellation drops the request if it has not reached a batch yet.</summary>
    Task<ClassificationResult> ClassifyAsync(ClassificationRequest request, CancellationToken cancellationToken = default);
}

using System.Text.Json.Nodes;
using FakeNews.Core.Classification;

namespace FakeNews.Serving;

/// <summary>
/// The process's one classifier, published by <see cref="ClassifierLoader"/> once it is loaded and warmed up. Until
/// then every caller gets <see cref="ErrorKind.NotReady"/>. Disposed with the host, after the hosted services that
/// use it have stopped, which drains the batcher.
/// </summary>
public sealed class ClassifierHolder : IAsyncDisposable
{
    private IServedClassifier? _classifier;

    /// <summary>The classifier, or null while it is loading.</summary>
    public IServedClassifier? Current => Volatile.Read(ref _classifier);

    /// <summary>True once the model is loaded and warmed up.</summary>
    public bool IsReady => Current is not null;

    /// <summary>The model card's headline metrics (config.json <c>valid_metrics</c>), or null when the model has none.</summary>
    public JsonNode? HeadlineMetrics { get; private set; }

    /// <summary>The classifier.</summary>
    /// <exception cref="ClassificationException"><see cref="ErrorKind.NotReady"/> while the model is loading.</exception>
    public IServedClassifier Get() =>
        Current ?? throw new ClassificationException(ErrorKind.NotReady, "The model is still loading and warming up; retry shortly.");

    /// <summary>Publishes the loaded classifier; it may be set once.</summary>
    /// <exception cref="InvalidOperationException">A classifier was already published.</exception>
    public void Set(IServedClassifier classifier, JsonNode? headlineMetrics = null)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        HeadlineMetrics = headlineMetrics;
        if (Interlocked.CompareExchange(ref _classifier, classifier, null) is not null)
        {
            throw new InvalidOperationException("The classifier has already been loaded.");
        }
    }

    /// <summary>Stops the batcher (finishing the running batch) and releases the model.</summary>
    public async ValueTask DisposeAsync()
    {
        var classifier = Interlocked.Exchange(ref _classifier, null);
        if (classifier is not null)
        {
            await classifier.DisposeAsync().ConfigureAwait(false);
        }
    }
}

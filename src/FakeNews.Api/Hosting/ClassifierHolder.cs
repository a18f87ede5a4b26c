using System.Text.Json.Nodes;
using FakeNews.Baseline.Serving;
using FakeNews.Core.Classification;

namespace FakeNews.Api.Hosting;

/// <summary>
/// The process's one classifier, published by <see cref="ClassifierLoader"/> once it is loaded and warmed up.
/// Until then every caller gets <see cref="ErrorKind.NotReady"/> (503). Disposed with the host, after the server
/// has stopped taking requests, which drains the batcher.
/// </summary>
public sealed class ClassifierHolder : IAsyncDisposable
{
    private ServedClassifier? _classifier;

    /// <summary>The classifier, or null while it is loading.</summary>
    public ServedClassifier? Current => Volatile.Read(ref _classifier);

    /// <summary>The classifier.</summary>
    /// <exception cref="ClassificationException"><see cref="ErrorKind.NotReady"/> while the model is loading.</exception>
    public ServedClassifier Get() =>
        Current ?? throw new ClassificationException(ErrorKind.NotReady, "The model is still loading and warming up; retry shortly.");

    /// <summary>The model card's headline metrics (config.json <c>valid_metrics</c>), or null when the model has none.</summary>
    public JsonNode? HeadlineMetrics { get; private set; }

    /// <summary>Publishes the loaded classifier; it may be set once.</summary>
    internal void Set(ServedClassifier classifier, JsonNode? headlineMetrics)
    {
        HeadlineMetrics = headlineMetrics;
        if (Interlocked.CompareExchange(ref _classifier, classifier, null) is not null)
        {
            throw new InvalidOperationException("The classifier has already been loaded.");
        }
    }

    /// <summary>Stops the batcher (finishing the running batch) and closes the ONNX session.</summary>
    public async ValueTask DisposeAsync()
    {
        var classifier = Interlocked.Exchange(ref _classifier, null);
        if (classifier is not null)
        {
            await classifier.DisposeAsync().ConfigureAwait(false);
        }
    }
}

using FakeNews.Baseline.Serving;
using FakeNews.Core.Classification;
using FakeNews.Inference;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FakeNews.Worker;

/// <summary>
/// Owns the process's one <see cref="ServedClassifier"/> (the ONNX transformer, or the ML.NET baseline for an MlNetBaseline folder): loads, validates and warms it up when the host starts
/// (a bad model folder stops the host with the loader's message), and disposes it last when the host stops, after
/// the queue worker has drained. Registered before <see cref="QueueWorker"/> so it starts first and stops last.
/// </summary>
internal sealed partial class ClassifierService : IHostedService, IAsyncDisposable
{
    private readonly WorkerOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private ServedClassifier? _classifier;

    public ClassifierService(IOptions<WorkerOptions> options, ILoggerFactory loggerFactory)
    {
        _options = options.Value;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<ClassifierService>();
    }

    /// <summary>True once the model is loaded and warmed up.</summary>
    public bool IsReady => Volatile.Read(ref _classifier) is not null;

    /// <summary>The classifier; throws before start-up finished.</summary>
    public ServedClassifier Classifier => Volatile.Read(ref _classifier)
        ?? throw new ClassificationException(ErrorKind.NotReady, "The model is not loaded yet.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = _options.ToClassifierOptions();
        LogLoading(_logger, options.ModelDirectory, options.Device);
        var classifier = await ServedClassifier.CreateAsync(options, _loggerFactory, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _classifier, classifier);
        LogReady(_logger, classifier.Model.Id, classifier.Model.ExecutionProvider, classifier.Model.MaxLength);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        var classifier = Interlocked.Exchange(ref _classifier, null);
        if (classifier is not null)
        {
            await classifier.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Loading the model from {ModelDirectory} on {Device}")]
    private static partial void LogLoading(ILogger logger, string modelDirectory, ExecutionDevice device);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Model {Model} ready on {Provider}, max length {MaxLength}")]
    private static partial void LogReady(ILogger logger, string model, string provider, int maxLength);
}

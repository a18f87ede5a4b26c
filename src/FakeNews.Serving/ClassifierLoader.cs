using System.Text.Json.Nodes;
using FakeNews.Core.Batching;
using FakeNews.Core.Models;
using FakeNews.Inference;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FakeNews.Serving;

/// <summary>
/// Loads, validates and warms up the classifier of the bound <see cref="ClassifierOptions"/> and publishes it in the
/// <see cref="ClassifierHolder"/>. Before start (<see cref="ClassifierLoading.BeforeStart"/>): the host's start waits
/// and a failure stops it. In the background (<see cref="ClassifierLoading.Background"/>): start returns at once, so
/// a liveness probe answers during the load, and a failure stops the host with exit code 1.
/// </summary>
public sealed partial class ClassifierLoader : IHostedService, IDisposable
{
    private readonly ClassifierOptions _options;
    private readonly ClassifierLoading _loading;
    private readonly ClassifierHolder _holder;
    private readonly IBatchObserver? _observer;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _background;

    /// <summary>Creates the loader; the host's container calls this. <paramref name="observers"/> see every batch.</summary>
    public ClassifierLoader(
        IOptions<ClassifierOptions> options,
        ServingSetup setup,
        ClassifierHolder holder,
        IEnumerable<IBatchObserver> observers,
        IHostApplicationLifetime lifetime,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(observers);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _options = options.Value;
        _loading = setup.Loading;
        _holder = holder;
        _observer = observers.ToArray() switch
        {
            [] => null,
            [var one] => one,
            var many => new BatchObservers(many),
        };
        _lifetime = lifetime;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<ClassifierLoader>();
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_loading == ClassifierLoading.BeforeStart)
        {
            await LoadAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var stopping = _stopping.Token;
        _background = Task.Run(() => LoadInBackgroundAsync(stopping), CancellationToken.None);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_background is { } background)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
            await background.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Cancels a background load still running. Like BackgroundService, keeps the token source undisposed: the load may still hold its token.</summary>
    public void Dispose() => _stopping.Cancel();

    private async Task LoadInBackgroundAsync(CancellationToken cancellationToken)
    {
        try
        {
            await LoadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host stopped while the model was loading.
        }
        catch (Exception)
        {
            // Logged by LoadAsync.
            Environment.ExitCode = 1;
            _lifetime.StopApplication();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var directory = _options.ModelDirectory;
        try
        {
            var options = _options.WithResolvedModelDirectory();
            directory = options.ModelDirectory;
            LogLoading(_logger, directory, options.Device);
            var classifier = await ServedClassifier.CreateAsync(options, _loggerFactory, _observer, cancellationToken).ConfigureAwait(false);
            try
            {
                _holder.Set(classifier, await ReadHeadlineMetricsAsync(classifier.Model.Directory, cancellationToken).ConfigureAwait(false));
            }
            catch
            {
                await classifier.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            LogReady(_logger, classifier.Model.Id, classifier.Model.ExecutionProvider, classifier.Model.MaxLength);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogLoadFailed(_logger, e, directory);
            throw;
        }
    }

    /// <summary>config.json's informational <c>valid_metrics</c> object (the model card's headline numbers), if any.</summary>
    private static async Task<JsonNode?> ReadHeadlineMetricsAsync(string directory, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(Path.Combine(directory, ModelFolder.ConfigFileName));
        await using (stream.ConfigureAwait(false))
        {
            var config = await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            return config?["valid_metrics"]?.DeepClone();
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Loading the model from {ModelDirectory} on device {Device}")]
    private static partial void LogLoading(ILogger logger, string modelDirectory, ExecutionDevice device);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Model {Model} is loaded and warmed up on {Provider}, max length {MaxLength}; ready")]
    private static partial void LogReady(ILogger logger, string model, string provider, int maxLength);

    [LoggerMessage(EventId = 3, Level = LogLevel.Critical, Message = "Could not load the model from {ModelDirectory}; stopping")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception, string modelDirectory);

    private sealed class BatchObservers(IBatchObserver[] all) : IBatchObserver
    {
        public void OnBatch(TokenBatch batch)
        {
            foreach (var observer in all)
            {
                observer.OnBatch(batch);
            }
        }
    }
}

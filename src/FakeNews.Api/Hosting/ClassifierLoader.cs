using System.Text.Json.Nodes;
using FakeNews.Api.Metrics;
using FakeNews.Baseline.Serving;
using FakeNews.Core.Models;
using FakeNews.Inference;
using Microsoft.Extensions.Options;

namespace FakeNews.Api.Hosting;

/// <summary>
/// Loads and warms up the classifier in the background at start, so <c>/healthz</c> answers at once and
/// <c>/readyz</c> turns ready only when the model can serve. A load failure stops the host with exit code 1.
/// </summary>
internal sealed partial class ClassifierLoader(
    IOptions<ClassifierOptions> options,
    ClassifierHolder holder,
    ApiMetrics metrics,
    ILoggerFactory loggerFactory,
    ILogger<ClassifierLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Every batch the batcher runs feeds the batch size histogram.
        var resolved = options.Value with
        {
            ModelDirectory = ResolveModelDirectory(options.Value),
            BatchObserver = batch => metrics.RecordBatch(batch.Count),
        };
        LogLoading(logger, resolved.ModelDirectory, resolved.Device);
        try
        {
            var classifier = await ServedClassifier.CreateAsync(resolved, loggerFactory, stoppingToken)
                .ConfigureAwait(false);
            holder.Set(classifier, await ReadHeadlineMetricsAsync(classifier.Model.Directory, stoppingToken).ConfigureAwait(false));
            LogReady(logger, classifier.Model.Id, classifier.Model.ExecutionProvider);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host stopped while the model was loading.
        }
        catch (Exception e)
        {
            LogLoadFailed(logger, e, resolved.ModelDirectory);
            Environment.ExitCode = 1;
            throw;
        }
    }

    /// <summary>config.json's informational <c>valid_metrics</c> object (the model card's headline numbers), if any.</summary>
    private static async Task<JsonNode?> ReadHeadlineMetricsAsync(string directory, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(Path.Combine(directory, ModelFolder.ConfigFileName));
        var config = await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        return config?["valid_metrics"]?.DeepClone();
    }

    /// <summary><see cref="ClassifierOptions.ModelDirectory"/>, or <see cref="ModelFolder.ResolveDefault"/> when it is blank.</summary>
    internal static string ResolveModelDirectory(ClassifierOptions options) =>
        string.IsNullOrWhiteSpace(options.ModelDirectory) ? ModelFolder.ResolveDefault() : Path.GetFullPath(options.ModelDirectory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loading the model from {ModelDirectory} on device {Device}")]
    private static partial void LogLoading(ILogger logger, string modelDirectory, ExecutionDevice device);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model} is loaded and warmed up on {Provider}; ready")]
    private static partial void LogReady(ILogger logger, string model, string provider);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Could not load the model from {ModelDirectory}; stopping")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception, string modelDirectory);
}

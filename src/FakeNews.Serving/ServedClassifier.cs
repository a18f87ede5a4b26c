using FakeNews.Baseline.Serving;
using FakeNews.Core.Batching;
using FakeNews.Inference;
using Microsoft.Extensions.Logging;

namespace FakeNews.Serving;

/// <summary>
/// Loads the classifier for a model folder: the ML.NET baseline when its config.json says
/// <c>"architecture": "MlNetBaseline"</c>, otherwise the ONNX transformer pipeline (<see cref="FakeNewsClassifier"/>).
/// </summary>
public static partial class ServedClassifier
{
    /// <summary>
    /// Loads and warms up <see cref="ClassifierOptions.ModelDirectory"/> (which must be set; see
    /// <see cref="ClassifierOptions.WithResolvedModelDirectory"/>). Device, batching and window options do not apply
    /// to the baseline, and neither does <paramref name="batchObserver"/>.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    /// <exception cref="InvalidDataException">The model folder is unusable; the message names the problem.</exception>
    /// <exception cref="InvalidOperationException">Device cuda was requested for a transformer and CUDA could not be loaded.</exception>
    public static async Task<IServedClassifier> CreateAsync(
        ClassifierOptions options,
        ILoggerFactory? loggerFactory = null,
        IBatchObserver? batchObserver = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (BaselineConfig.IsBaselineFolder(options.ModelDirectory))
        {
            var baseline = await BaselineClassifier.CreateAsync(options.ModelDirectory, cancellationToken).ConfigureAwait(false);
            var logger = loggerFactory?.CreateLogger(typeof(ServedClassifier));
            if (logger is not null && logger.IsEnabled(LogLevel.Information))
            {
                LogBaseline(logger, baseline.Model.Id, baseline.Model.Directory);
            }

            return new ServedBaseline(baseline);
        }

        var transformer = await FakeNewsClassifier.CreateAsync(options, loggerFactory, batchObserver, cancellationToken).ConfigureAwait(false);
        return new ServedTransformer(transformer);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving the ML.NET baseline {Model} from {Directory}")]
    private static partial void LogBaseline(ILogger logger, string model, string directory);
}

using FakeNews.Core.Batching;
using FakeNews.Core.Classification;
using FakeNews.Inference;
using Microsoft.Extensions.Logging;

namespace FakeNews.Baseline.Serving;

/// <summary>
/// The classifier a host serves for a model folder: the ML.NET baseline when the folder's config.json says
/// <c>"architecture": "MlNetBaseline"</c>, otherwise the ONNX transformer pipeline (<see cref="FakeNewsClassifier"/>).
/// Thread-safe; delegates every call to the one it wraps.
/// </summary>
public sealed partial class ServedClassifier : ITextClassifier, IAsyncDisposable
{
    private static readonly BatcherStats NoBatches = new(0, 0, 0, 0);
    private readonly ITextClassifier _inner;

    private ServedClassifier(FakeNewsClassifier? transformer, BaselineClassifier? baseline)
    {
        Transformer = transformer;
        Baseline = baseline;
        _inner = (ITextClassifier?)transformer ?? baseline!;
    }

    /// <summary>The ONNX transformer pipeline, or null when a baseline is served.</summary>
    public FakeNewsClassifier? Transformer { get; }

    /// <summary>The ML.NET baseline, or null when the transformer is served.</summary>
    public BaselineClassifier? Baseline { get; }

    /// <inheritdoc />
    public ModelInfo Model => _inner.Model;

    /// <summary>The label is fake when p_fake is at least this (from the model's config).</summary>
    public float Threshold => Transformer?.Folder.Config.Threshold ?? Baseline!.Folder.Config.Threshold;

    /// <summary>The calibration temperature (from the transformer's config; 1 for the baseline, whose trainer calibrates).</summary>
    public float Temperature => Transformer?.Folder.Config.Temperature ?? 1f;

    /// <summary>Sequences waiting in the transformer's batcher queue; always 0 for the baseline. Cheap.</summary>
    public int QueueLength => Transformer?.QueueLength ?? 0;

    /// <summary>The transformer's batching counters; all zero for the baseline, which does not batch.</summary>
    public BatcherStats Stats => Transformer?.Stats ?? NoBatches;

    /// <summary>
    /// Loads <see cref="ClassifierOptions.ModelDirectory"/>: the baseline when its config.json names the
    /// <c>MlNetBaseline</c> architecture (device, batching and window options do not apply to it), otherwise
    /// <see cref="FakeNewsClassifier.CreateAsync"/> with <paramref name="options"/>.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    /// <exception cref="InvalidDataException">The model folder is unusable; the message names the problem.</exception>
    /// <exception cref="InvalidOperationException">Device cuda was requested for a transformer and CUDA could not be loaded.</exception>
    public static async Task<ServedClassifier> CreateAsync(
        ClassifierOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (BaselineConfig.IsBaselineFolder(options.ModelDirectory))
        {
            var baseline = await BaselineClassifier.CreateAsync(options.ModelDirectory, cancellationToken).ConfigureAwait(false);
            var logger = loggerFactory?.CreateLogger<ServedClassifier>();
            if (logger is not null && logger.IsEnabled(LogLevel.Information))
            {
                LogBaseline(logger, baseline.Model.Id, baseline.Model.Directory);
            }
            return new ServedClassifier(null, baseline);
        }

        return new ServedClassifier(await FakeNewsClassifier.CreateAsync(options, loggerFactory, cancellationToken).ConfigureAwait(false), null);
    }

    /// <inheritdoc />
    public Task<ClassificationResult> ClassifyAsync(ClassificationRequest request, CancellationToken cancellationToken = default) =>
        _inner.ClassifyAsync(request, cancellationToken);

    /// <summary>Classifies many texts and returns the results in request order; the first failure is thrown.</summary>
    /// <exception cref="ClassificationException">As for <see cref="ClassifyAsync"/>.</exception>
    public async Task<IReadOnlyList<ClassificationResult>> ClassifyManyAsync(
        IReadOnlyList<ClassificationRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (Transformer is not null)
        {
            return await Transformer.ClassifyManyAsync(requests, cancellationToken).ConfigureAwait(false);
        }

        var results = new ClassificationResult[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            results[i] = await Baseline!.ClassifyAsync(requests[i], cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving the ML.NET baseline {Model} from {Directory}")]
    private static partial void LogBaseline(ILogger logger, string model, string directory);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Transformer?.DisposeAsync() ?? Baseline!.DisposeAsync();
}

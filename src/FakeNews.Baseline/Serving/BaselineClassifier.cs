using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using FakeNews.Baseline.Features;
using FakeNews.Core.Classification;
using Microsoft.ML;

namespace FakeNews.Baseline.Serving;

/// <summary>
/// Serves a baseline model folder behind <see cref="ITextClassifier"/>: the request becomes the same
/// <see cref="BaselineInput"/> row the trainer built (text, metadata, speaker history over all training rows), and
/// the ML.NET chain gives p_fake. Thread-safe: ML.NET prediction engines are not, so each call rents one from a pool.
/// A single window per text (no token limit, so <see cref="ModelInfo.MaxLength"/> is 0); runs on the CPU, a
/// few milliseconds per claim, no batching. <see cref="ClassificationResult.Tokens"/> counts whitespace-separated words of the model input.
/// </summary>
public sealed class BaselineClassifier : ITextClassifier, IAsyncDisposable
{
    private readonly ConcurrentBag<PredictionEngine<BaselineInput, BaselineOutput>> _engines = [];
    private readonly BaselineModel _model;
    private int _disposed;

    private BaselineClassifier(BaselineModel model)
    {
        _model = model;
        Model = new ModelInfo(
            model.Config.Name,
            model.Config.Version,
            model.Config.Labels,
            0,
            [nameof(BaselineInput.Text), .. Featurizer.OneHotColumns, nameof(BaselineInput.Subject), nameof(BaselineInput.History)],
            "ML.NET CPU",
            "ML.NET " + MlNetVersion(),
            model.Directory);
    }

    /// <inheritdoc />
    public ModelInfo Model { get; }

    /// <summary>The loaded model folder.</summary>
    public BaselineModel Folder => _model;

    private static string MlNetVersion()
    {
        var version = typeof(MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }

    /// <summary>Loads the folder and warms up one prediction engine.</summary>
    /// <exception cref="InvalidDataException">The folder is unusable; the message names the problem.</exception>
    public static Task<BaselineClassifier> CreateAsync(string modelDirectory, CancellationToken cancellationToken = default) =>
        Task.Run(
            () =>
            {
                var classifier = new BaselineClassifier(BaselineModel.Load(modelDirectory));
                cancellationToken.ThrowIfCancellationRequested();
                classifier.PFake(new ClassificationRequest("warm-up"));
                return classifier;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<ClassificationResult> ClassifyAsync(ClassificationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        if (Volatile.Read(ref _disposed) != 0)
        {
            throw new ClassificationException(ErrorKind.NotReady, "The baseline classifier has been disposed.");
        }

        if (string.IsNullOrWhiteSpace(request.Text))
        {
            throw new ClassificationException(ErrorKind.InvalidInput, "The text is empty.");
        }

        var started = Stopwatch.GetTimestamp();
        float pFake;
        try
        {
            pFake = PFake(request);
        }
        catch (Exception e) when (e is not ClassificationException and not OperationCanceledException)
        {
            throw new ClassificationException(ErrorKind.BackendFailure, $"The baseline model failed: {e.Message}", e);
        }

        var words = request.ModelInput().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        var label = pFake >= _model.Config.Threshold ? "fake" : "real";
        var probabilities = new Dictionary<string, float>(StringComparer.Ordinal) { ["real"] = 1 - pFake, ["fake"] = pFake };
        var result = new ClassificationResult(
            label, pFake, probabilities, words, [new WindowScore(0, 0, words, pFake)], Model.Id, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            Threshold: _model.Config.Threshold);
        return Task.FromResult(result);
    }

    /// <summary>p_fake of one request through a pooled prediction engine.</summary>
    internal float PFake(ClassificationRequest request)
    {
        var input = BaselineInput.Create(request, _model.History.Features(request.Metadata?.Speaker));
        if (!_engines.TryTake(out var engine))
        {
            engine = _model.Context.Model.CreatePredictionEngine<BaselineInput, BaselineOutput>(_model.Transformer);
        }

        try
        {
            return engine.Predict(input).Probability;
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    /// <summary>Fails later calls with <c>NotReady</c> and releases the engines.</summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            while (_engines.TryTake(out var engine))
            {
                engine.Dispose();
            }
        }

        return ValueTask.CompletedTask;
    }
}

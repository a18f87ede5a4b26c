using System.Diagnostics;
using FakeNews.Core.Batching;
using FakeNews.Core.Chunking;
using FakeNews.Core.Classification;
using FakeNews.Core.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;

namespace FakeNews.Inference;

/// <summary>
/// The fake-news classifier: tokenizer, then token windows for long texts, then the dynamic batcher, then ONNX
/// Runtime; calibrated with the model's temperature and thresholded. One instance per process, shared by all
/// callers; thread-safe. Create it with <see cref="CreateAsync"/>, which loads, validates and warms up.
/// </summary>
public sealed partial class FakeNewsClassifier : ITextClassifier, IAsyncDisposable
{
    private readonly ClassifierOptions _options;
    private readonly OnnxBatchBackend _backend;
    private readonly DynamicBatcher _batcher;
    private readonly ILogger _logger;
    private readonly int _maxLength;
    private readonly int _fakeIndex;
    private readonly int _labelCount;
    private readonly Dictionary<InputKind, int> _headOffsets;

    private FakeNewsClassifier(
        ClassifierOptions options, ModelFolder folder, OnnxBatchBackend backend, IBatchObserver? batchObserver, ILoggerFactory loggerFactory)
    {
        _options = options;
        _backend = backend;
        _logger = loggerFactory.CreateLogger<FakeNewsClassifier>();
        IBatchBackend batchBackend = batchObserver is null ? backend : new ObservedBackend(backend, batchObserver);
        _batcher = new DynamicBatcher(batchBackend, options.ToBatcherOptions(backend.Provider), TimeProvider.System, loggerFactory.CreateLogger<DynamicBatcher>());
        _maxLength = options.EffectiveMaxLength(folder.Config);
        _fakeIndex = folder.Config.FakeIndex;
        _labelCount = folder.Config.Labels.Count;
        _headOffsets = Enum.GetValues<InputKind>().ToDictionary(kind => kind, kind => folder.Config.OutputIndexFor(kind) * _labelCount);
        WindowOverlap = options.EffectiveWindowStride(folder.Config);
        Folder = folder;
        Model = new ModelInfo(
            folder.Config.Name,
            folder.Config.Version,
            folder.Config.Labels,
            _maxLength,
            backend.Inputs,
            backend.Provider,
            OrtEnv.Instance().GetVersionString(),
            folder.Directory,
            backend.Precision);
    }

    /// <inheritdoc />
    public ModelInfo Model { get; }

    /// <summary>The loaded model folder (config and tokenizer).</summary>
    public ModelFolder Folder { get; }

    /// <summary>Batching counters since start-up (warm-up excluded).</summary>
    public BatcherStats Stats => _batcher.Stats;

    /// <summary>Text tokens per window: the maximum length minus [CLS] and [SEP].</summary>
    public int WindowSize => _maxLength - 2;

    /// <summary>Tokens shared by consecutive windows (<see cref="ClassifierOptions.EffectiveWindowStride"/>).</summary>
    public int WindowOverlap { get; }

    /// <summary>Sequences (windows) waiting in the batcher's queue right now, for a queue-depth gauge. Cheap.</summary>
    public int QueueLength => _batcher.QueueLength;

    /// <summary>
    /// How <paramref name="modelInput"/> (see <see cref="ClassificationRequest.ModelInput"/>) fits the window limit:
    /// tokenizes it once, runs nothing.
    /// </summary>
    public WindowFit MeasureWindows(string modelInput)
    {
        ArgumentNullException.ThrowIfNull(modelInput);
        var tokens = Folder.Tokenizer.TokenizeToIds(modelInput).Length;
        return new WindowFit(tokens, TokenWindowPlanner.CountWindows(tokens, WindowSize, WindowOverlap), WindowSize, WindowOverlap, _options.MaxWindows);
    }

    /// <summary>
    /// Loads the model folder, opens the ONNX session on the requested device, checks its inputs and logits
    /// against config.json, and runs a full-size warm-up batch. Takes from milliseconds (tiny models) to seconds.
    /// <paramref name="batchObserver"/>, when given, sees every batch after the warm-up.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    /// <exception cref="InvalidDataException">The model folder or ONNX graph is unusable; the message names the problem.</exception>
    /// <exception cref="InvalidOperationException">Device cuda was requested and CUDA could not be loaded.</exception>
    public static async Task<FakeNewsClassifier> CreateAsync(
        ClassifierOptions options,
        ILoggerFactory? loggerFactory = null,
        IBatchObserver? batchObserver = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        loggerFactory ??= NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger<FakeNewsClassifier>();
        return await Task.Run(() => Load(options, loggerFactory, batchObserver, logger, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private static FakeNewsClassifier Load(
        ClassifierOptions options, ILoggerFactory loggerFactory, IBatchObserver? batchObserver, ILogger logger, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var (folder, backend, onnxPath) = ModelLoader.Load(options, logger, cancellationToken: cancellationToken);
        try
        {
            var (rows, length) = WarmUp(backend, folder, options, onnxPath);
            cancellationToken.ThrowIfCancellationRequested();
            var classifier = new FakeNewsClassifier(options, folder, backend, batchObserver, loggerFactory);
            var inputs = string.Join(",", backend.Inputs);
            var loadMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogLoaded(logger, folder.Config.Name, folder.Config.Version, backend.Provider, backend.Precision, onnxPath, inputs, classifier._maxLength, classifier.WindowOverlap, rows, length, loadMs);
            return classifier;
        }
        catch
        {
            backend.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs the largest batch the options allow at the maximum length, which also checks the logits width. The
    /// sequence holds the highest vocabulary id, so a vocabulary larger than the graph's embedding table fails here
    /// rather than on the first text with a rare token.
    /// </summary>
    /// <exception cref="InvalidDataException">The graph could not run the batch; the message names the model and the batch.</exception>
    private static (int Rows, int Length) WarmUp(OnnxBatchBackend backend, ModelFolder folder, ClassifierOptions options, string onnxPath)
    {
        var length = options.EffectiveMaxLength(folder.Config);
        var rows = Math.Max(1, Math.Min(options.EffectiveMaxBatchSize(backend.Provider), options.MaxBatchTokens / length));
        var tokenizer = folder.Tokenizer;
        var highest = tokenizer.VocabSize - 1;
        var sequence = new int[length];
        Array.Fill(sequence, tokenizer.UnkId);
        sequence[0] = tokenizer.ClsId;
        sequence[1] = highest;
        sequence[^1] = tokenizer.SepId;
        try
        {
            backend.Run(new TokenBatch(Enumerable.Repeat(sequence, rows).ToList()));
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidDataException(
                $"Model '{onnxPath}' failed its warm-up run ({rows} x {length} tokens, ids up to {highest} from {ModelFolder.VocabFileName}): {ex.Message.ReplaceLineEndings(" ")} " +
                $"Check that {ModelFolder.VocabFileName} and {ModelFolder.ConfigFileName} ('max_length') belong to this graph.",
                ex);
        }

        return (rows, length);
    }

    /// <summary>Stops accepting requests, finishes the running batch, fails waiting ones with NotReady, and closes the session.</summary>
    public async ValueTask DisposeAsync()
    {
        await _batcher.DisposeAsync().ConfigureAwait(false);
        _backend.Dispose();
    }
}

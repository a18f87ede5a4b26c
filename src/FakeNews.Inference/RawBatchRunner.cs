using FakeNews.Core.Batching;
using FakeNews.Core.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FakeNews.Inference;

/// <summary>
/// ONNX Runtime alone: runs ready-made token batches through its own session, opened exactly as a
/// <see cref="FakeNewsClassifier"/> with the same options would open it (device, precision, threads) and fetching
/// the same outputs (every head the config routes a kind to), with no tokenizer, queue, batcher or calibration. For
/// benchmarks that compare the pipeline with the bare runtime on the same batches. Not thread-safe: one caller at a time.
/// </summary>
public sealed class RawBatchRunner : IBatchBackend, IDisposable
{
    private readonly OnnxBatchBackend _backend;

    private RawBatchRunner(OnnxBatchBackend backend, ModelFolder folder)
    {
        _backend = backend;
        Folder = folder;
    }

    /// <summary>The loaded model folder.</summary>
    public ModelFolder Folder { get; }

    /// <summary>The execution provider in use: <c>CUDA</c> or <c>CPU</c>.</summary>
    public string Provider => _backend.Provider;

    /// <summary>The precision of the loaded graph: <c>fp32</c>, <c>int8</c> or <c>fp16</c>.</summary>
    public string Precision => _backend.Precision;

    /// <summary>Logits per output: the model's label count.</summary>
    public int LabelCount => _backend.LabelCount;

    /// <inheritdoc />
    public int RowWidth => _backend.RowWidth;

    /// <summary>The outputs each run fetches, in row order: those the classifier fetches (<see cref="ModelConfig.UsedOutputs"/>).</summary>
    public IReadOnlyList<string> Outputs => _backend.Outputs;

    /// <summary>Loads the model folder and opens its session (seconds for a full-size model); does not warm up.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="InvalidDataException">The model folder or graph is unusable.</exception>
    /// <exception cref="InvalidOperationException">Device cuda was requested and CUDA could not be loaded.</exception>
    /// <param name="options">The classifier options whose session to reproduce.</param>
    /// <param name="logger">Receives the CUDA fallback warning, if any.</param>
    /// <param name="diagnostics">What ONNX Runtime should record about the session (optimized graph, profiler trace); default none.</param>
    public static RawBatchRunner Open(ClassifierOptions options, ILogger? logger = null, SessionDiagnostics? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var loaded = ModelLoader.Load(options, logger ?? NullLogger.Instance, diagnostics);
        return new RawBatchRunner(loaded.Backend, loaded.Folder);
    }

    /// <summary>Pads and runs one batch; returns one row of <see cref="RowWidth"/> logits per sequence.</summary>
    public float[][] Run(TokenBatch batch) => _backend.Run(batch);

    /// <summary>
    /// Stops ONNX Runtime's profiler and returns the path of the trace it wrote; for a runner opened with
    /// <see cref="SessionDiagnostics.ProfilePrefix"/>. Runs after this are not recorded.
    /// </summary>
    public string EndProfiling() => _backend.EndProfiling();

    /// <inheritdoc />
    public void Dispose() => _backend.Dispose();
}

using FakeNews.Core.Models;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace FakeNews.Inference;

/// <summary>Creates the one <see cref="InferenceSession"/> of a classifier on the requested device.</summary>
internal static partial class SessionFactory
{
    public const string CudaProvider = "CUDA";
    public const string CpuProvider = "CPU";

    private static readonly Lock EnvLogLock = new();

    /// <summary>
    /// Opens the folder's graph for <paramref name="precision"/> on the device: as <see cref="Create(string, ExecutionDevice, int, ILogger)"/>,
    /// but the file follows the device that loaded (<see cref="ModelPrecision.Auto"/>: int8 on CPU, fp16 on CUDA, each when present; else fp32).
    /// </summary>
    /// <exception cref="InvalidOperationException">CUDA was required and could not be loaded; the message says why.</exception>
    /// <exception cref="InvalidDataException">The file for the precision is missing, or could not be loaded on CPU.</exception>
    public static OpenedSession Create(
        ModelFolder folder, ExecutionDevice device, ModelPrecision precision, int intraOpThreads, ILogger logger, SessionDiagnostics? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return Create(onCuda => ModelGraph.Select(folder, precision, onCuda), device, intraOpThreads, logger, diagnostics ?? SessionDiagnostics.None);
    }

    /// <summary>
    /// Opens the model. <see cref="ExecutionDevice.Auto"/> tries CUDA and falls back to CPU with one warning;
    /// <see cref="ExecutionDevice.Cuda"/> throws when CUDA cannot be loaded; <see cref="ExecutionDevice.Cpu"/> uses CPU.
    /// </summary>
    /// <exception cref="InvalidOperationException">CUDA was required and could not be loaded; the message says why.</exception>
    /// <exception cref="InvalidDataException">The ONNX file could not be loaded on CPU.</exception>
    public static (InferenceSession Session, string Provider) Create(string onnxPath, ExecutionDevice device, int intraOpThreads, ILogger logger)
    {
        var opened = Create(_ => (onnxPath, ModelGraph.Fp32), device, intraOpThreads, logger, SessionDiagnostics.None);
        return (opened.Session, opened.Provider);
    }

    /// <summary>
    /// The one device path: CUDA unless the device is CPU, falling back to CPU for Auto. <c>select</c> gives the file
    /// and its precision for a device (true: CUDA).
    /// </summary>
    private static OpenedSession Create(
        Func<bool, (string Path, string Precision)> select, ExecutionDevice device, int intraOpThreads, ILogger logger, SessionDiagnostics diagnostics)
    {
        if (device != ExecutionDevice.Cpu)
        {
            var (cudaPath, cudaPrecision) = select(true);
            try
            {
                return new OpenedSession(Open(cudaPath, intraOpThreads, useCuda: true, diagnostics), CudaProvider, cudaPath, cudaPrecision);
            }
            catch (Exception ex) when (ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException or TypeInitializationException)
            {
                if (device == ExecutionDevice.Cuda)
                {
                    throw CudaUnavailable(ex);
                }

                LogCudaFallback(logger, FirstLine(ex.Message));
            }
        }

        var (path, precision) = select(false);
        try
        {
            return new OpenedSession(Open(path, intraOpThreads, useCuda: false, diagnostics), CpuProvider, path, precision);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidDataException($"Model '{path}' could not be loaded by ONNX Runtime: {ex.Message}", ex);
        }
    }

    private static InvalidOperationException CudaUnavailable(Exception ex) => new(
        $"Device 'cuda' was requested, but the CUDA execution provider of ONNX Runtime could not be loaded: {FirstLine(ex.Message).TrimEnd('.', ' ')}. " +
        "Install the NVIDIA driver and the CUDA 13 and cuDNN 9 libraries that ONNX Runtime GPU 1.31 needs (on LD_LIBRARY_PATH), or use device 'auto' or 'cpu'.", ex);

    private static InferenceSession Open(string onnxPath, int intraOpThreads, bool useCuda, SessionDiagnostics diagnostics)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = intraOpThreads,
        };
        if (diagnostics.OptimizedGraphPath is { } optimized)
        {
            options.OptimizedModelFilePath = optimized;
        }

        if (diagnostics.ProfilePrefix is { } prefix)
        {
            options.ProfileOutputPathPrefix = prefix;  // read when profiling is switched on, so first
            options.EnableProfiling = true;
        }

        if (useCuda)
        {
            AppendCudaQuietly(options);
        }

        return new InferenceSession(onnxPath, options);
    }

    /// <summary>
    /// A missing CUDA library is reported once, by our warning or exception, not also as an error line from ONNX
    /// Runtime's process-wide logger, which is silenced to fatal-only while the provider library loads.
    /// </summary>
    private static void AppendCudaQuietly(SessionOptions options)
    {
        lock (EnvLogLock)
        {
            var env = OrtEnv.Instance();
            var previous = env.EnvLogLevel;
            env.EnvLogLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
            try
            {
                options.AppendExecutionProvider_CUDA(0);
            }
            finally
            {
                env.EnvLogLevel = previous;
            }
        }
    }

    private static string FirstLine(string message)
    {
        var newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "CUDA is not available ({Reason}); running on CPU")]
    private static partial void LogCudaFallback(ILogger logger, string reason);
}

/// <summary>An open session, the provider it runs on, the file it loaded and that file's precision.</summary>
internal sealed record OpenedSession(InferenceSession Session, string Provider, string OnnxPath, string Precision);

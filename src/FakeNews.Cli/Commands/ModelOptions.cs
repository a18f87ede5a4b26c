using FakeNews.Cli.Arguments;
using FakeNews.Core.Models;
using FakeNews.Inference;
using FakeNews.Serving;
using Microsoft.Extensions.Logging;

namespace FakeNews.Cli.Commands;

/// <summary>The model options shared by the verbs that run the model, and the classifier they build.</summary>
internal static class ModelOptions
{
    public static readonly OptionSpec Model = OptionSpec.Value("model", "DIR", "model folder (default: $FAKENEWS_MODEL, else models/minilm-news-v2)");
    public static readonly OptionSpec Device = OptionSpec.Value("device", "DEVICE", "auto|cpu|cuda (auto: CUDA when it loads, else CPU)", "auto", "cpu", "cuda");
    public static readonly OptionSpec Precision = OptionSpec.Value("precision", "P", "auto|fp32|int8|fp16 (auto: model.int8.onnx on CPU, model.fp16.onnx on CUDA, each when present; else model.onnx)", "auto", "fp32", "int8", "fp16");
    public static readonly OptionSpec MaxLength = OptionSpec.Value("max-length", "N", "tokens per window incl. [CLS]/[SEP] (default: the model's)");
    public static readonly OptionSpec BatchSize = OptionSpec.Value("batch-size", "N", $"most windows per ONNX batch (default {ClassifierOptions.CpuMaxBatchSize} on CPU, {ClassifierOptions.CudaMaxBatchSize} on CUDA)");
    public static readonly OptionSpec MaxPadding = OptionSpec.Value("max-padding", "N", $"most padding tokens a window may add to a batch (default: {ClassifierOptions.CpuMaxAddedPadding} on CPU, no limit on CUDA)");
    public static readonly OptionSpec MaxWindows = OptionSpec.Value("max-windows", "N", "most token windows per text; longer texts fail with too_long (default 64)");
    public static readonly OptionSpec Verbose = OptionSpec.Flag("verbose", "log model loading and batching details to stderr");

    /// <summary>The options every model verb takes.</summary>
    public static IReadOnlyList<OptionSpec> All { get; } = [Model, Device, Precision, MaxLength, BatchSize, MaxPadding, MaxWindows, Verbose];

    /// <summary>
    /// The <c>Classifier</c> settings of the context's configuration (environment variables such as
    /// <c>Classifier__Device</c>, as in the API and the worker); the flags are laid over them.
    /// </summary>
    /// <exception cref="UsageException">A configured value cannot be read (exit code 2).</exception>
    public static ClassifierOptions Configured(ParsedArguments arguments, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return ServingSetup.BindClassifierOptions(context.Configuration);
        }
        catch (InvalidOperationException e)
        {
            throw new UsageException(e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message, arguments.Command);
        }
    }

    /// <summary>The model folder: <c>--model</c>, else <paramref name="configured"/>, resolved by <see cref="ModelFolder.Resolve"/>.</summary>
    /// <exception cref="CliException">No default model folder exists (exit code 4).</exception>
    public static string ModelDirectory(ParsedArguments arguments, string? configured = null)
    {
        try
        {
            return ModelFolder.Resolve(arguments.Value(Model.Name) ?? configured);
        }
        catch (InvalidDataException e)
        {
            throw new CliException(CliErrorKind.InvalidModel, e.Message, e);
        }
    }

    /// <summary>Loads only the model folder (config and tokenizer), for verbs that do not run ONNX.</summary>
    /// <exception cref="CliException">The folder is missing or invalid (exit code 4).</exception>
    public static ModelFolder LoadFolder(ParsedArguments arguments, CliContext context)
    {
        var directory = ModelDirectory(arguments, Configured(arguments, context).ModelDirectory);
        try
        {
            return ModelFolder.Load(directory);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new CliException(CliErrorKind.InvalidModel, e.Message, e);
        }
    }

    /// <summary>A logger factory writing to the context's stderr: warnings, or everything from information with <c>--verbose</c>.</summary>
    public static ILoggerFactory CreateLoggerFactory(ParsedArguments arguments, CliContext context)
    {
        var minimum = arguments.Has(Verbose.Name) ? LogLevel.Information : LogLevel.Warning;
        return LoggerFactory.Create(builder => builder
            .SetMinimumLevel(minimum)
            .AddProvider(new Logging.TextWriterLoggerProvider(context.Stderr, minimum)));
    }

    /// <summary>
    /// Builds, validates and warms up the classifier. <paramref name="inFlight"/> is how many texts the caller keeps
    /// in flight at once; the queue is sized so that they can never overload it.
    /// </summary>
    /// <exception cref="UsageException">An option is out of range for the model (exit code 2).</exception>
    /// <exception cref="CliException">The model cannot be loaded (4) or CUDA is unavailable with <c>--device cuda</c> (5).</exception>
    public static async Task<IServedClassifier> CreateClassifierAsync(
        ParsedArguments arguments, CliContext context, ILoggerFactory loggerFactory, int inFlight, CancellationToken cancellationToken)
    {
        var options = BuildOptions(arguments, Configured(arguments, context), inFlight, modelMaxLength: 256);
        var device = options.Device;
        try
        {
            // A folder whose config.json says "architecture": "MlNetBaseline" is served by the ML.NET baseline.
            return await ServedClassifier.CreateAsync(options, loggerFactory, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(Describe(arguments, e), arguments.Command);
        }
        catch (InvalidOperationException e) when (device == ExecutionDevice.Cuda)
        {
            throw new CliException(CliErrorKind.DeviceUnavailable, e.Message, e);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new CliException(CliErrorKind.InvalidModel, e.Message, e);
        }
    }

    /// <summary>
    /// The flags given, laid over <paramref name="configured"/> (the <c>Classifier</c> settings, <see cref="Configured"/>),
    /// with the model folder resolved. <paramref name="inFlight"/> sizes the queue so the caller's
    /// texts can never overload it; <paramref name="modelMaxLength"/> is the window length assumed when no maximum
    /// length is set, for the token budget that lets <c>--batch-size</c> bound batches of full-length windows.
    /// </summary>
    /// <exception cref="CliException">No default model folder exists (exit code 4).</exception>
    public static ClassifierOptions BuildOptions(ParsedArguments arguments, ClassifierOptions configured, int inFlight, int modelMaxLength)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var options = configured;
        var maxLength = arguments.Int(MaxLength.Name, min: 3) ?? options.MaxLength;
        var batchSize = arguments.Int(BatchSize.Name, min: 1, max: 4096);
        var maxWindows = arguments.Int(MaxWindows.Name, min: 1, max: 100_000) ?? options.MaxWindows;
        return options with
        {
            ModelDirectory = ModelDirectory(arguments, options.ModelDirectory),
            Device = arguments.Value(Device.Name) is { } device ? ParseDevice(device) : options.Device,
            Precision = arguments.Value(Precision.Name) is not null ? ParsePrecision(arguments) : options.Precision,
            MaxLength = maxLength,
            MaxBatchSize = batchSize ?? options.MaxBatchSize,
            MaxAddedPadding = arguments.Int(MaxPadding.Name, min: 0) ?? options.MaxAddedPadding,
            MaxBatchTokens = batchSize is { } rows ? Math.Max(options.MaxBatchTokens, rows * (maxLength ?? modelMaxLength)) : options.MaxBatchTokens,
            MaxWindows = maxWindows,
            QueueCapacity = Math.Max(options.QueueCapacity, inFlight * maxWindows),
        };
    }

    private static ExecutionDevice ParseDevice(string value) => value.ToLowerInvariant() switch
    {
        "cpu" => ExecutionDevice.Cpu,
        "cuda" => ExecutionDevice.Cuda,
        _ => ExecutionDevice.Auto,
    };

    /// <summary>The <c>--precision</c> value; auto when absent.</summary>
    public static ModelPrecision ParsePrecision(ParsedArguments arguments) => (arguments.Value(Precision.Name) ?? "auto").ToLowerInvariant() switch
    {
        "fp32" => ModelPrecision.Fp32,
        "int8" => ModelPrecision.Int8,
        "fp16" => ModelPrecision.Fp16,
        _ => ModelPrecision.Auto,
    };

    /// <summary>An invalid option, named by its flag when one was given, else by its configuration key.</summary>
    private static string Describe(ParsedArguments arguments, ArgumentException e) => FlagFor(e.ParamName) is { } flag && arguments.Value(flag.Name) is not null
        ? $"--{flag.Name}: {e.Message}"
        : e.Message.Replace("ClassifierOptions.", ServingSetup.SectionName + ":", StringComparison.Ordinal);

    private static OptionSpec? FlagFor(string? parameter) => parameter switch
    {
        nameof(ClassifierOptions.MaxLength) => MaxLength,
        nameof(ClassifierOptions.MaxBatchSize) => BatchSize,
        nameof(ClassifierOptions.MaxWindows) => MaxWindows,
        nameof(ClassifierOptions.ModelDirectory) => Model,
        _ => null,
    };
}

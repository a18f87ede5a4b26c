using FakeNews.Cli.Arguments;
using FakeNews.Cli.Bench;
using FakeNews.Core.Models;
using FakeNews.Inference;

namespace FakeNews.Cli.Commands;

/// <summary><c>bench</c>: a closed-loop load generator through the full pipeline, compared with no batching and with bare ONNX Runtime.</summary>
internal sealed class BenchCommand : ICommand
{
    /// <inheritdoc />
    public CommandSpec Spec { get; } = new(
        "bench",
        "Measure throughput and latency through the full pipeline (tokenize, batch, infer) with batching on and off, and bare ONNX Runtime on the same batches.",
        "bench [--concurrency N] [--duration S] [--data FILE | --tokens N] [--json] [model options]",
        [
            OptionSpec.Value("concurrency", "N", "callers, each sending its next text when the last returns (default 64)"),
            OptionSpec.Value("duration", "S", "seconds measured per phase (default 10)"),
            OptionSpec.Value("warmup", "S", "seconds of load before each measured phase (default 2)"),
            OptionSpec.Value("data", "FILE", "texts: LIAR .tsv (statement column), .jsonl (text/title) or one per line (default ../shared/data/liar/valid.tsv)"),
            OptionSpec.Value("tokens", "N", "instead of --data: synthetic texts of exactly N tokens with [CLS]/[SEP]"),
            OptionSpec.Value("threads", "N", "ONNX Runtime intra-op threads (default: ONNX Runtime's choice)"),
            OptionSpec.Value("max-batch-delay", "MS", "longest wait for a batch to fill (default 2)"),
            OptionSpec.Value("model-dims", "D,L,H", "hidden size, layers and FFN size for GFLOP/s when config.json lacks dim/n_layers/hidden_dim (e.g. 384,6,1536)"),
            OptionSpec.Flag("no-unbatched", "skip the batching-off phases"),
            OptionSpec.Flag("no-raw", "skip the bare ONNX Runtime phase"),
            OptionSpec.Value("optimized-graph", "FILE", "write the graph ONNX Runtime optimized for the bare phase's device (which fusions it applied)"),
            OptionSpec.Value("ort-profile", "PREFIX", "record ONNX Runtime's profiler trace of the bare phase to PREFIX_<time>.json (summarize: scripts/profile_onnx.py --trace)"),
            OptionSpec.Flag("json", "print one JSON object"),
            .. ModelOptions.All,
        ],
        MinPositionals: 0,
        MaxPositionals: 0,
        Notes: """
            Phases, one after another: batched pipeline (--batch-size, default 32 on CPU and 128 on CUDA); ONNX Runtime alone replaying the
            batches the pipeline formed; pipeline with batch size 1 at the same precision; and, when that is not fp32,
            batch size 1 with fp32. Items are texts; raw ONNX Runtime counts sequences (the same for one-window texts).
            The JSON output has: items_per_s, p50_ms, p95_ms, p99_ms, mean_batch, padding_ratio, unbatched_items_per_s,
            raw_ort_items_per_s, pipeline_vs_raw_ort, batching_speedup, unbatched_fp32_items_per_s,
            speedup_vs_unbatched_fp32, tokens_per_s, gflops, and the settings, model, provider, precision and load average.
            """);

    /// <inheritdoc />
    public async Task<ExitCode> RunAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        var concurrency = arguments.Int("concurrency", min: 1, max: 100_000) ?? 64;
        var duration = TimeSpan.FromSeconds(arguments.Int("duration", min: 1, max: 86_400) ?? 10);
        var warmUp = TimeSpan.FromSeconds(arguments.Int("warmup", min: 0, max: 3_600) ?? 2);
        var tokens = arguments.Int("tokens", min: 3, max: 8192);
        if (tokens is not null && arguments.Value("data") is not null)
        {
            throw new UsageException("give --data or --tokens, not both", Spec.Name);
        }

        var folder = ModelOptions.LoadFolder(arguments, context);
        var texts = tokens is { } n ? BenchTexts.Synthetic(folder.Tokenizer, n, 4096) : BenchTexts.Load(arguments.Value("data"));
        var dataLabel = tokens is { } count ? $"synthetic {count} tokens" : Path.GetFileName(arguments.Value("data") ?? BenchTexts.DefaultLiarValid);
        var options = Options(arguments, ModelOptions.Configured(arguments, context), folder, concurrency);
        var flops = ModelFlops.FromConfig(folder.Directory) ?? ParseDims(arguments.Value("model-dims"));
        var diagnostics = new SessionDiagnostics(FullPath(arguments.Value("optimized-graph")), FullPath(arguments.Value("ort-profile")));
        if (arguments.Has("no-raw") && diagnostics != SessionDiagnostics.None)
        {
            throw new UsageException("--optimized-graph and --ort-profile record the bare ONNX Runtime phase, which --no-raw skips", Spec.Name);
        }

        var settings = new BenchSettings(options, texts, dataLabel, concurrency, warmUp, duration, !arguments.Has("no-unbatched"), !arguments.Has("no-raw"))
        {
            Diagnostics = diagnostics,
        };

        using var loggerFactory = ModelOptions.CreateLoggerFactory(arguments, context);
        BenchReport report;
        try
        {
            report = await BenchRunner.RunAsync(settings, loggerFactory, context.Note, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message, Spec.Name);
        }
        catch (InvalidOperationException e) when (options.Device == ExecutionDevice.Cuda)
        {
            throw new CliException(CliErrorKind.DeviceUnavailable, e.Message, e);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new CliException(CliErrorKind.InvalidModel, e.Message, e);
        }

        await context.Stdout.WriteAsync(arguments.Has("json") ? report.ToJson(flops) + "\n" : report.ToText(flops)).ConfigureAwait(false);
        await context.Stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
        return ExitCode.Success;
    }

    private static string? FullPath(string? path) => path is null ? null : Path.GetFullPath(path);

    private ModelFlops? ParseDims(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var parts = value.Split(',');
        return parts.Length == 3 && parts.All(p => int.TryParse(p, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0)
            ? new ModelFlops(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture))
            : throw new UsageException($"--model-dims: '{value}' is not DIM,LAYERS,HIDDEN (three positive integers)", Spec.Name);
    }

    private static ClassifierOptions Options(ParsedArguments arguments, ClassifierOptions configured, ModelFolder folder, int concurrency) =>
        ModelOptions.BuildOptions(arguments, configured, concurrency, folder.Config.MaxLength) with
        {
            MaxBatchDelay = arguments.Int("max-batch-delay", min: 0, max: 10_000) is { } delay ? TimeSpan.FromMilliseconds(delay) : configured.MaxBatchDelay,
            IntraOpThreads = arguments.Int("threads", min: 0, max: 1024) ?? configured.IntraOpThreads,
        };
}

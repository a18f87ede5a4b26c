using System.Globalization;
using FakeNews.Cli.Arguments;
using FakeNews.Core.Models;
using FakeNews.Evaluation;
using FakeNews.Evaluation.Comparison;
using FakeNews.Evaluation.Data;

namespace FakeNews.Cli.Commands;

/// <summary><c>compare A B --out DIR</c>: two eval folders (or two model folders and <c>--data</c>) compared example by example.</summary>
internal sealed class CompareCommand : ICommand
{
    private static readonly string[] SideNames = ["a", "b"];

    /// <inheritdoc />
    public CommandSpec Spec { get; } = new(
        "compare",
        "Compare two models on the same data: metrics side by side, McNemar's test, paired bootstrap, slices, disagreements.",
        "compare A B --out DIR [--data FILE [--format liar|csv|jsonl] [--metadata] [--device ...] [--precision P] [--max-length N] [--batch-size N] [--max-windows N]] [--seed N] [--bootstrap N]",
        [
            OptionSpec.Value("out", "DIR", "output folder (created; its files are replaced)"),
            EvalCommand.Data,
            EvalCommand.Format,
            EvalCommand.Metadata,
            EvalCommand.Seed,
            EvalCommand.Samples,
            ModelOptions.Device,
            ModelOptions.Precision,
            ModelOptions.MaxLength,
            ModelOptions.BatchSize,
            ModelOptions.MaxWindows,
            ModelOptions.Verbose,
        ],
        MinPositionals: 2,
        MaxPositionals: 2,
        Notes: $"""
            A is the baseline, B the candidate. Each of A and B is either an eval output folder ('fakenews eval') or a
            model folder; model folders are first evaluated on --data into DIR/a and DIR/b. Both sides must cover the
            same data file (same SHA-256) and ids. DIR gets comparison.json, comparison.md, comparison.html and
            disagreements.jsonl. McNemar: exact two-sided binomial test on the discordant pairs and the chi-square
            statistic with continuity correction; the accuracy difference (B - A) gets a paired percentile bootstrap
            95 % interval.

            {HelpText.ExitCodes}
            """);

    /// <inheritdoc />
    public async Task<ExitCode> RunAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        var outDirectory = arguments.Value("out") ?? throw new UsageException("'compare' needs --out DIR", Spec.Name);
        var sides = arguments.Positionals.Select(p => (Path: p, IsEval: EvalFolder.IsEvalFolder(p))).ToList();
        foreach (var (path, isEval) in sides)
        {
            if (!isEval && !File.Exists(Path.Combine(path, ModelFolder.ConfigFileName)))
            {
                throw new UsageException($"'{path}' is neither an eval output folder (metrics.json, predictions.jsonl) nor a model folder (config.json)", Spec.Name);
            }
        }

        EvalDataset? dataset = null;
        if (sides.Any(s => !s.IsEval))
        {
            // Validated once, before either model loads.
            dataset = EvalCommand.ReadData(arguments);
        }

        var folders = new List<EvalFolder>();
        foreach (var ((path, isEval), name) in sides.Zip(SideNames))
        {
            if (isEval)
            {
                folders.Add(Load(path));
                continue;
            }

            var target = Path.Combine(outDirectory, name);
            var withModel = new ParsedArguments(Spec.Name, arguments.Positionals, Options(arguments, path));
            await EvalCommand.EvaluateAsync(withModel, context, dataset!, target, cancellationToken).ConfigureAwait(false);
            folders.Add(Load(target));
        }

        var seed = arguments.Value(EvalCommand.Seed.Name) is { } s
            ? ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw new UsageException($"--seed must be a non-negative integer, got '{s}'", Spec.Name)
            : Evaluation.Metrics.Bootstrap.DefaultSeed;
        var samples = arguments.Int(EvalCommand.Samples.Name, min: 1, max: 1_000_000) ?? Evaluation.Metrics.Bootstrap.DefaultSamples;
        ComparisonResult result;
        try
        {
            result = Comparer.Compare(folders[0], folders[1], samples, seed);
            await ComparisonOutput.WriteAsync(outDirectory, result, cancellationToken).ConfigureAwait(false);
        }
        catch (EvaluationException e)
        {
            throw new CliException(CliErrorKind.InvalidInput, e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(CliErrorKind.OutputFailed, $"cannot write --out '{outDirectory}': {e.Message}", e);
        }

        await context.Stdout.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"n {result.A.Metrics.N}  accuracy A {result.A.Metrics.Accuracy:F4}  B {result.B.Metrics.Accuracy:F4}  B-A {result.AccuracyDifference:+0.0000;-0.0000} " +
            $"[{result.AccuracyDifferenceCi?.Lower:F4}, {result.AccuracyDifferenceCi?.Upper:F4}]  mcnemar exact p {result.McNemar.ExactP:G4}  disagreements {result.Disagreements.Count}")).ConfigureAwait(false);
        await context.Stdout.WriteLineAsync($"report: {Path.Combine(outDirectory, "comparison.html")}").ConfigureAwait(false);
        return ExitCode.Success;
    }

    private static EvalFolder Load(string path)
    {
        try
        {
            return EvalFolder.Load(path);
        }
        catch (EvaluationException e)
        {
            throw new CliException(CliErrorKind.InvalidInput, e.Message, e);
        }
    }

    /// <summary>The parsed options with <c>--model</c> set to <paramref name="model"/>.</summary>
    private static Dictionary<string, string?> Options(ParsedArguments arguments, string model)
    {
        var names = new[]
        {
            EvalCommand.Metadata.Name, ModelOptions.Device.Name, ModelOptions.Precision.Name, ModelOptions.MaxLength.Name, ModelOptions.BatchSize.Name, ModelOptions.MaxWindows.Name,
            ModelOptions.Verbose.Name, EvalCommand.Seed.Name, EvalCommand.Samples.Name,
        };
        var options = names.Where(arguments.Has).ToDictionary(n => n, arguments.Value, StringComparer.Ordinal);
        options[ModelOptions.Model.Name] = model;
        return options;
    }
}

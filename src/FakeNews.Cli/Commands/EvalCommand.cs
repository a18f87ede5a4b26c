using System.Globalization;
using System.Text.Json;
using FakeNews.Cli.Arguments;
using FakeNews.Cli.Output;
using FakeNews.Cli.Progress;
using FakeNews.Core.Data;
using FakeNews.Evaluation;
using FakeNews.Evaluation.Data;
using FakeNews.Evaluation.Explanations;
using FakeNews.Evaluation.Reports;
using FakeNews.Evaluation.Scoring;
using FakeNews.Serving;

namespace FakeNews.Cli.Commands;

/// <summary><c>eval --data FILE --out DIR</c>: score a labelled set through the serving pipeline and write metrics and reports.</summary>
internal sealed class EvalCommand : ICommand
{
    internal static readonly OptionSpec Data = OptionSpec.Value("data", "FILE", "labelled data: LIAR .tsv, .csv (id,label,text[,title,...]) or .jsonl");
    internal static readonly OptionSpec Format = OptionSpec.Value("format", "FORMAT", "liar|csv|jsonl (default: from the extension; .tsv is liar)", "liar", "csv", "jsonl");
    internal static readonly OptionSpec Metadata = OptionSpec.Flag("metadata", "give the model the speaker metadata (speaker, job, party, state, subject, context)");
    internal static readonly OptionSpec Seed = OptionSpec.Value("seed", "N", "bootstrap seed (default 20240917)");
    internal static readonly OptionSpec Samples = OptionSpec.Value("bootstrap", "N", "bootstrap resamples (default 1000)");
    internal static readonly OptionSpec Explain = OptionSpec.Flag("explain", "highlight the words (sentences for long texts) behind each listed error in report.html");
    internal static readonly OptionSpec SkipRefused = OptionSpec.Flag("skip-refused", "leave out examples the classifier refuses as input (not English, only a link) instead of stopping; the report names them");
    internal static readonly OptionSpec Influential = OptionSpec.Flag("influential-words", $"explain every example and write {InfluentialWords.FileName}: the most influential words per class (implies --explain)");

    /// <inheritdoc />
    public CommandSpec Spec { get; } = new(
        "eval",
        "Evaluate a model on labelled data: metrics with intervals, slices, error lists, HTML and markdown reports.",
        "eval --data FILE --out DIR [--format liar|csv|jsonl] [--metadata] [--skip-refused] [--explain] [--influential-words] [--seed N] [--bootstrap N] [--model DIR] [--device auto|cpu|cuda] [--precision auto|fp32|int8|fp16] [--max-length N] [--batch-size N] [--max-windows N]",
        [
            Data,
            OptionSpec.Value("out", "DIR", "output folder (created; its files are replaced)"),
            Format,
            Metadata,
            SkipRefused,
            Explain,
            Influential,
            Seed,
            Samples,
            .. ModelOptions.All,
        ],
        MinPositionals: 0,
        MaxPositionals: 0,
        Notes: $"""
            The whole file is read and validated before the model loads: a missing column, an unknown label, an empty
            text, a ragged row or a duplicate id stops the run with FILE:LINE: reason (exit code 2). LIAR's six-way
            labels map to fake (pants-fire, false, barely-true) and real; CSV/JSONL labels are fake|real.
            DIR gets metrics.json, predictions.jsonl, slices.json, errors.json, report.html and report.md (and
            refused.jsonl, one line with id, line and reason per example, when --skip-refused left any out).
            Once the model is loaded, every example is tokenized to check that it fits the model's window limit; the
            first that does not stops the run with FILE:LINE (exit code 2). A classification failure during scoring
            stops the run (exit code 3): metrics over a silently shrunken set would mislead. With --skip-refused, examples
            the classifier refuses as input (not English, only a link) are left out instead, counted on stderr and named
            in the reports; every figure is over the examples scored.
            --explain runs occlusion on the listed examples after scoring (one extra sequence per word); --influential-words
            runs it on every example, which costs about one inference per word of the data set.

            {HelpText.ExitCodes}
            """);

    /// <inheritdoc />
    public async Task<ExitCode> RunAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        var outDirectory = arguments.Value("out") ?? throw new UsageException("'eval' needs --out DIR", Spec.Name);
        var dataset = ReadData(arguments);
        var result = await EvaluateAsync(arguments, context, dataset, outDirectory, cancellationToken).ConfigureAwait(false);
        var m = result.Metrics;
        await context.Stdout.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"n {m.N}  accuracy {m.Accuracy:F4} [{result.AccuracyCi?.Lower:F4}, {result.AccuracyCi?.Upper:F4}]  roc_auc {m.RocAuc:F4} [{result.RocAucCi?.Lower:F4}, {result.RocAucCi?.Upper:F4}]  " +
            $"macro_f1 {m.MacroF1:F4}  f1_fake {m.F1Fake:F4}  log_loss {m.LogLoss:F4}  brier {m.Brier:F4}  ece {m.Ece:F4}")).ConfigureAwait(false);
        await context.Stdout.WriteLineAsync($"report: {Path.Combine(outDirectory, HtmlReport.FileName)}").ConfigureAwait(false);
        return ExitCode.Success;
    }

    /// <summary>Reads and validates <c>--data</c> (with <c>--format</c>) before any model is loaded.</summary>
    internal static EvalDataset ReadData(ParsedArguments arguments)
    {
        var path = arguments.Value(Data.Name) ?? throw new UsageException($"'{arguments.Command}' needs --data FILE", arguments.Command);
        try
        {
            return DatasetReader.Read(path, DataFormats.Resolve(path, arguments.Value(Format.Name)));
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message.Split(" (Parameter")[0], arguments.Command);
        }
        catch (DataFormatException e)
        {
            throw new CliException(CliErrorKind.InvalidInput, e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(CliErrorKind.InputNotFound, $"cannot read --data '{path}': {e.Message}", e);
        }
    }

    /// <summary>
    /// Loads the model given by the model options, scores <paramref name="dataset"/> with a progress bar, and writes
    /// the eval folder. Shared with <c>compare</c>, which evaluates model folders this way.
    /// </summary>
    internal static async Task<EvaluationResult> EvaluateAsync(
        ParsedArguments arguments, CliContext context, EvalDataset dataset, string outDirectory, CancellationToken cancellationToken)
    {
        var batchSize = arguments.Int(ModelOptions.BatchSize.Name, min: 1, max: 4096) ?? 32;
        var maxInFlight = 4 * batchSize;
        var seed = arguments.Value(Seed.Name) is { } s
            ? ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw new UsageException($"--seed must be a non-negative integer, got '{s}'", arguments.Command)
            : Evaluation.Metrics.Bootstrap.DefaultSeed;
        var samples = arguments.Int(Samples.Name, min: 1, max: 1_000_000) ?? Evaluation.Metrics.Bootstrap.DefaultSamples;
        using var loggerFactory = ModelOptions.CreateLoggerFactory(arguments, context);
        await using var classifier = await ModelOptions.CreateClassifierAsync(arguments, context, loggerFactory, maxInFlight, cancellationToken).ConfigureAwait(false);
        var model = new ModelRunInfo(
            classifier.Model.Id, classifier.Model.Directory, classifier.Model.ExecutionProvider, classifier.Threshold, arguments.Has(Metadata.Name), classifier.Model.Precision);
        try
        {
            LengthCheck.EnsureAllFit(dataset, classifier.MeasureWindows, model.MetadataInput);
        }
        catch (DataFormatException e)
        {
            throw new CliException(CliErrorKind.InvalidInput, e.Message + " (raise --max-windows to score it)", e);
        }

        context.Note($"evaluating {model.Id} ({model.ExecutionProvider}, {model.Precision}) on {dataset.Path}: {dataset.Examples.Count} examples");
        var progress = new ProgressReporter(context.Stderr, context.StderrIsTerminal, context.Time, dataset.Examples.Count);
        var scoring = context.WrapClassifier?.Invoke(classifier) ?? classifier;
        EvaluationResult result;
        var refused = arguments.Has(SkipRefused.Name) ? new List<Refusal>() : null;
        try
        {
            result = await Evaluator.RunAsync(dataset, scoring, model, maxInFlight, p => progress.Advance(false, p.Tokens), samples, seed, refused, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            progress.Finish(0, cancelled: true);
            throw;
        }
        catch (EvaluationException e)
        {
            progress.Finish(0, cancelled: false);
            throw new CliException(CliErrorKind.ItemsFailed, e.Message, e);
        }

        progress.Finish(0, cancelled: false);
        var refusedNote = RefusedNote(refused);
        if (refusedNote is not null)
        {
            context.Note(refusedNote);
        }

        var stats = classifier.Stats;
        var (explanations, influence, explainNote) = await ExplainAsync(arguments, context, dataset, result, classifier, cancellationToken).ConfigureAwait(false);
        string[] notes =
        [
            string.Create(CultureInfo.InvariantCulture, $"Scored in {progress.Elapsed.TotalSeconds:F1} s ({dataset.Examples.Count / Math.Max(progress.Elapsed.TotalSeconds, 1e-9):F1} examples/s, {progress.Tokens} tokens)."),
            string.Create(CultureInfo.InvariantCulture, $"Batching: {stats.Items} windows in {stats.Batches} batches (mean {stats.MeanBatchSize:F1}), padding {stats.PaddingRatio:P1}."),
            .. explainNote is null ? Array.Empty<string>() : [explainNote],
            .. refusedNote is null ? Array.Empty<string>() : [refusedNote],
        ];
        try
        {
            await EvaluationOutput.WriteAsync(outDirectory, result, notes, explanations, influence, cancellationToken).ConfigureAwait(false);
            await WriteRefusedAsync(outDirectory, refused, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(CliErrorKind.OutputFailed, $"cannot write --out '{outDirectory}': {e.Message}", e);
        }

        return result;
    }

    /// <summary>With <c>--explain</c>, explains the listed examples; with <c>--influential-words</c>, every example, and aggregates their words.</summary>
    private static async Task<(IReadOnlyDictionary<string, Core.Explanations.Explanation>?, IReadOnlyList<ClassInfluence>?, string?)> ExplainAsync(
        ParsedArguments arguments, CliContext context, EvalDataset dataset, EvaluationResult result, IServedClassifier classifier, CancellationToken cancellationToken)
    {
        var influential = arguments.Has(Influential.Name);
        if (!influential && !arguments.Has(Explain.Name))
        {
            return (null, null, null);
        }

        var listed = result.Errors.ConfidentFalsePositives.Concat(result.Errors.ConfidentFalseNegatives).Concat(result.Errors.LeastConfident)
            .Select(p => p.Example).DistinctBy(e => e.Id).ToList();
        var targets = influential ? dataset.Examples : listed;
        context.Note($"explaining {targets.Count} examples");
        var progress = new ProgressReporter(context.Stderr, context.StderrIsTerminal, context.Time, targets.Count);
        var explainer = context.WrapClassifier?.Invoke(classifier) as Core.Explanations.ITextExplainer ?? classifier;
        IReadOnlyDictionary<string, Core.Explanations.Explanation> explanations;
        try
        {
            // Each explanation queues a sequence per word by itself, so a few in flight fill the batches.
            explanations = await ExampleExplainer.ExplainAsync(targets, explainer, result.Model.MetadataInput, maxInFlight: 4, () => progress.Advance(false, 0), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (EvaluationException e)
        {
            progress.Finish(0, cancelled: false);
            throw new CliException(CliErrorKind.ItemsFailed, e.Message, e);
        }

        progress.Finish(0, cancelled: false);
        var note = string.Create(CultureInfo.InvariantCulture, $"Explained {targets.Count} examples by occlusion in {progress.Elapsed.TotalSeconds:F1} s.");
        return (explanations, influential ? InfluentialWords.Aggregate(dataset.Examples, explanations) : null, note);
    }

    /// <summary>The name of the file, in an eval folder, that lists every refused example in input order (written only when there are some).</summary>
    internal const string RefusedFileName = "refused.jsonl";

    private static async Task WriteRefusedAsync(string directory, List<Refusal>? refused, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, RefusedFileName);
        if (refused is null || refused.Count == 0)
        {
            File.Delete(path);
            return;
        }

        var lines = refused.Select(r => JsonSerializer.Serialize(r, CliJson.Relaxed.Refusal));
        await File.WriteAllLinesAsync(path, lines, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The line that says which examples were refused as input and left out (the first ten by name); null when none were.</summary>
    internal static string? RefusedNote(IReadOnlyCollection<Refusal>? refused)
    {
        if (refused is null || refused.Count == 0)
        {
            return null;
        }

        var named = string.Join("; ", refused.Take(10).Select(r => $"'{r.Id}' (line {r.Line}): {r.Reason}"));
        var more = refused.Count > 10 ? $"; and {refused.Count - 10} more" : string.Empty;
        return $"{refused.Count} examples refused as input and left out of every figure (all in {RefusedFileName}): {named}{more}";
    }
}

using System.Globalization;
using FakeNews.Cli.Arguments;
using FakeNews.Cli.Output;
using FakeNews.Cli.Progress;
using FakeNews.Cli.Readers;
using FakeNews.Cli.Scoring;

namespace FakeNews.Cli.Commands;

/// <summary><c>score PATH... --out FILE</c>: classify files and folders into a JSONL or CSV file.</summary>
internal sealed class ScoreCommand : ICommand
{
    /// <inheritdoc />
    public CommandSpec Spec { get; } = new(
        "score",
        "Classify every item of the given files and folders (recursive) and write one row per item.",
        "score PATH... --out FILE [--format jsonl|csv] [--resume] [--explain] [--model DIR] [--device auto|cpu|cuda] [--max-length N] [--batch-size N] [--max-windows N]",
        [
            OptionSpec.Value("out", "FILE", "output file, written row by row in input order"),
            OptionSpec.Value("format", "FORMAT", "jsonl|csv (default: csv for a .csv output, else jsonl)", "jsonl", "csv"),
            OptionSpec.Flag("resume", "skip items already in the output file, score again those whose rows hold a transient error, and append"),
            OptionSpec.Flag("explain", $"add top_units: each item's {ScoreRunner.TopUnits} strongest words (sentences for long texts) with their weights"),
            .. ModelOptions.All,
        ],
        MinPositionals: 1,
        MaxPositionals: int.MaxValue,
        Notes: $"""
            Inputs: .txt (whole file), .md (a leading '# ' heading is the title), .html/.htm (main text, navigation and
            scripts dropped; title from <h1> or <title>), .json (an object or an array of objects), .jsonl (one object per
            line), .csv (header row; column 'text' required). JSON/CSV fields: id, title, text, and the metadata
            speaker, job, party, state, subject, context (JSON may nest them in 'metadata'). Folders are walked
            recursively in sorted order; other file types are skipped with a note.
            Ids: the given id, else the path as given with '.' and empty segments dropped ('./data/' and 'data' give the
            same ids); items of multi-item files without an id get PATH#N (N = 1-based array index, JSONL line or CSV
            data row). Repeated ids are noted on stderr and scored; --resume counts them, so the n-th item of an id is
            done when the file has n rows of it. --resume drops rows whose error is overloaded, backend_failure or
            not_ready and scores those items again (their new rows come at the end).
            Rows: id, label (fake|real), p_fake, kind (claim|headline|article|post, for models calibrated per kind),
            threshold (the p_fake at or above which the label is fake), tokens, chunks, model, error; with --explain also top_units (JSONL: an
            array of objects with source, field?, start, end, text, weight; CSV: 'text (+0.1234); ...'), strongest first. Empty, unreadable, binary (NUL bytes or
            invalid UTF-8), oversized or malformed inputs become rows with 'error' set and the run goes on. Size limits:
            {InputFile.MaxBytes} bytes for a .txt/.md/.html file, {InputFile.MaxCollectionBytes} bytes for a .json/.jsonl/.csv
            file, {InputFile.MaxItemChars} characters for one item's title and text. Ctrl+C stops cleanly: the file holds whole rows only, and --resume continues it.

            {HelpText.ExitCodes}
            """);

    /// <inheritdoc />
    public async Task<ExitCode> RunAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        var outPath = arguments.Value("out") ?? throw new UsageException("'score' needs --out FILE", Spec.Name);
        var format = OutputFormats.Choose(outPath, arguments.Value("format"));
        var batchSize = arguments.Int(ModelOptions.BatchSize.Name, min: 1, max: 4096) ?? 32;
        var explain = arguments.Has("explain");
        // An explanation queues one sequence per word (or up to half the queue for long texts) by itself.
        var maxInFlight = explain ? 2 : 4 * batchSize;

        using var loggerFactory = ModelOptions.CreateLoggerFactory(arguments, context);
        await using var classifier = await ModelOptions.CreateClassifierAsync(arguments, context, loggerFactory, maxInFlight, cancellationToken).ConfigureAwait(false);

        ResultFile output;
        try
        {
            output = ResultFile.Open(outPath, format, arguments.Has("resume"), context.Note, explain);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new CliException(CliErrorKind.OutputFailed, $"cannot write --out '{outPath}': {e.Message}", e);
        }

        await using (output.ConfigureAwait(false))
        {
            var catalog = new InputCatalog(context.Note);
            var files = catalog.Files(arguments.Positionals).ToList();
            // A first, cheap pass counts the items for the progress ETA; texts are read again when scored.
            long total = 0, skipped = 0, duplicates = 0;
            string? firstDuplicate = null;
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var item in files.SelectMany(catalog.Read))
            {
                var occurrence = seen[item.Id] = seen.GetValueOrDefault(item.Id) + 1;
                if (occurrence > 1)
                {
                    duplicates++;
                    firstDuplicate ??= item.Id;
                }

                _ = occurrence <= output.Done.GetValueOrDefault(item.Id) ? skipped++ : total++;
            }

            if (firstDuplicate is not null)
            {
                context.Note(duplicates == 1
                    ? $"1 item shares its id with an earlier item (first: '{firstDuplicate}'); it is scored and its row repeats the id"
                    : $"{duplicates} items share their id with an earlier item (first: '{firstDuplicate}'); they are scored and their rows repeat the id");
            }

            var progress = new ProgressReporter(context.Stderr, context.StderrIsTerminal, context.Time, total);
            var scoring = context.WrapClassifier?.Invoke(classifier) ?? classifier;
            var cancelled = false;
            try
            {
                await ScoreRunner.RunAsync(NotDone(files.SelectMany(catalog.Read), output.Done), scoring, output, progress, maxInFlight, cancellationToken, explain)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                cancelled = true;
            }

            progress.Finish(skipped, cancelled);
            if (arguments.Has(ModelOptions.Verbose.Name))
            {
                var stats = classifier.Stats;
                context.Note(string.Create(
                    CultureInfo.InvariantCulture,
                    $"batcher: {stats.Items} windows in {stats.Batches} batches (mean {stats.MeanBatchSize:F1}), padding {stats.PaddingRatio:P1} of {stats.PaddedTokens} computed tokens"));
            }

            return ErrorMap.Outcome(progress.Errors, cancelled);
        }
    }

    /// <summary>The items without a row yet: the first <c>n</c> items of an id with <c>n</c> rows in the output are done.</summary>
    private static IEnumerable<InputItem> NotDone(IEnumerable<InputItem> items, IReadOnlyDictionary<string, int> done)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var occurrence = seen[item.Id] = seen.GetValueOrDefault(item.Id) + 1;
            if (occurrence > done.GetValueOrDefault(item.Id))
            {
                yield return item;
            }
        }
    }
}

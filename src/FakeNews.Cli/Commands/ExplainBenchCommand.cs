using System.Globalization;
using System.Text;
using System.Text.Json;
using FakeNews.Cli.Arguments;
using FakeNews.Cli.Bench;
using FakeNews.Cli.Output;
using FakeNews.Cli.Progress;
using FakeNews.Core.Classification;

namespace FakeNews.Cli.Commands;

/// <summary><c>explain-bench --data FILE</c>: how faithful and how costly the explanations are.</summary>
internal sealed class ExplainBenchCommand : ICommand
{
    /// <inheritdoc />
    public CommandSpec Spec { get; } = new(
        "explain-bench",
        "Measure the explanations: a deletion curve (top-k units vs k random units) and the cost of explaining vs plain scoring.",
        "explain-bench --data FILE [--format liar|csv|jsonl] [--k 1,3,5] [--seed N] [--limit N] [--min-words N] [--max-words N] [--json] [model options]",
        [
            EvalCommand.Data,
            EvalCommand.Format,
            OptionSpec.Value("k", "LIST", "units deleted, comma-separated (default 1,3,5)"),
            OptionSpec.Value("seed", "N", "seed of the random deletions (default 17)"),
            OptionSpec.Value("limit", "N", "use only the first N items that pass the word filters"),
            OptionSpec.Value("min-words", "N", "skip items of fewer whitespace words (title and text)"),
            OptionSpec.Value("max-words", "N", "skip items of more whitespace words"),
            OptionSpec.Flag("json", "print one JSON object"),
            .. ModelOptions.All,
        ],
        MinPositionals: 0,
        MaxPositionals: 0,
        Notes: """
            Items are read like eval's data (labels are not used) and sent bare (no metadata), one at a time: plain
            classification (timed), explanation (timed), then for each k, if the item has more than k units, three
            deletions classified together: the k units of largest |weight|, the k units pushing hardest toward the
            verdict, and k units drawn at random (seeded per item). Deletion removes the units' characters from the text.
            Reported per k: mean |change of p_fake| for top-k and random and their ratio, and the mean drop of the
            verdict's probability for the verdict's top-k and random and their ratio (n/a, null in JSON, when random
            deletions did not weaken the verdict on average). Cost: mean and median latency of
            plain classification and of explanation, and their ratio (the first 3 items warm up and are not counted).
            Items the classifier refuses as input (not English, only a link, too long) are counted in the header and
            JSON (refused) and left out; a k whose deletions leave a refused text is left out for that item.
            """);

    /// <inheritdoc />
    public async Task<ExitCode> RunAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        var dataset = EvalCommand.ReadData(arguments);
        var ks = ParseKs(arguments.Value("k") ?? "1,3,5");
        var seed = arguments.Int("seed", min: 0) ?? 17;
        var minWords = arguments.Int("min-words", min: 0) ?? 0;
        var maxWords = arguments.Int("max-words", min: 1) ?? int.MaxValue;
        var requests = dataset.Examples
            .Select(e => e.ToRequest(useMetadata: false))
            .Where(r => Words(r) >= minWords && Words(r) <= maxWords)
            .Take(arguments.Int("limit", min: 1) ?? int.MaxValue)
            .ToList();
        if (requests.Count == 0)
        {
            throw new UsageException($"no item of --data has between {minWords} and {maxWords} words", Spec.Name);
        }

        using var loggerFactory = ModelOptions.CreateLoggerFactory(arguments, context);
        await using var classifier = await ModelOptions.CreateClassifierAsync(arguments, context, loggerFactory, 4, cancellationToken).ConfigureAwait(false);
        foreach (var warmUp in requests.Take(3))
        {
            try
            {
                await classifier.ExplainAsync(warmUp, cancellationToken).ConfigureAwait(false);
            }
            catch (ClassificationException e) when (e.IsInputFault)
            {
                // The run counts and leaves out refused items; a warm-up needs none of them.
            }
        }

        var progress = new ProgressReporter(context.Stderr, context.StderrIsTerminal, context.Time, requests.Count);
        var (curve, cost, granularity) = await ExplainBenchRunner.RunAsync(requests, classifier, ks, seed, () => progress.Advance(false, 0), cancellationToken)
            .ConfigureAwait(false);
        progress.Finish(0, cancelled: false);
        var load = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg", cancellationToken).ConfigureAwait(false)).Split(' ')[0] : "n/a";
        var refused = cost.Refused > 0 ? $" ({cost.Refused} more refused as input and left out)" : string.Empty;
        var header = $"{Path.GetFileName(dataset.Path)}: {cost.Items} items{refused} ({granularity} units), {classifier.Model.Id} on {classifier.Model.ExecutionProvider} ({classifier.Model.Precision}), load {load}";
        await context.Stdout.WriteLineAsync(arguments.Has("json") ? ToJson(header, curve, cost) : ToText(header, curve, cost)).ConfigureAwait(false);
        return ExitCode.Success;
    }

    private static int Words(ClassificationRequest request) =>
        (request.Title + " " + request.Text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private static List<int> ParseKs(string value)
    {
        var ks = new List<int>();
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var k) || k < 1 || k > 1000)
            {
                throw new UsageException($"--k must be a comma-separated list of integers from 1 to 1000, got '{value}'", "explain-bench");
            }

            ks.Add(k);
        }

        return ks.Count > 0 ? ks : throw new UsageException("--k is empty", "explain-bench");
    }

    private static string ToText(string header, IReadOnlyList<DeletionPoint> curve, ExplainCost cost)
    {
        var text = new StringBuilder(header).AppendLine();
        text.AppendLine("k  items  top|dp|  random|dp|  ratio  verdict-top drop  random drop  ratio");
        foreach (var p in curve)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{p.K,-2} {p.Items,6}  {p.TopAbsDelta,7:F4}  {p.RandomAbsDelta,10:F4}  {Ratio(p.AbsRatio),5}  {p.TopVerdictDrop,16:F4}  {p.RandomVerdictDrop,11:F4}  {Ratio(p.VerdictRatio),5}"));
        }

        return text.Append(string.Create(CultureInfo.InvariantCulture,
            $"cost: plain {cost.PlainMeanMs:F1} ms mean / {cost.PlainP50Ms:F1} p50, explain {cost.ExplainMeanMs:F1} ms mean / {cost.ExplainP50Ms:F1} p50 ({cost.Ratio:F1}x); " +
            $"mean {cost.MeanWords:F0} words, {cost.MeanTokens:F0} tokens, {cost.MeanUnits:F1} units")).ToString();
    }

    private static string Ratio(double? ratio) => ratio is { } r ? r.ToString("F2", CultureInfo.InvariantCulture) : "n/a";

    private static string ToJson(string header, IReadOnlyList<DeletionPoint> curve, ExplainCost cost) =>
        JsonSerializer.Serialize(ExplainBenchJson.From(header, curve, cost), CliJson.Default.ExplainBenchJson);
}

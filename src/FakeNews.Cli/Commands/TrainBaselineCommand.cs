using FakeNews.Baseline.Training;
using FakeNews.Cli.Arguments;
using FakeNews.Core.Data;

namespace FakeNews.Cli.Commands;

/// <summary><c>train-baseline --data TRAIN --valid VALID --out DIR</c>: train the classical ML.NET baseline on LIAR.</summary>
internal sealed class TrainBaselineCommand : ICommand
{
    private static readonly OptionSpec Algorithms = OptionSpec.Value("algorithms", "LIST", "trainers to try, comma-separated: fastforest,lightgbm (default both)");

    /// <inheritdoc />
    public CommandSpec Spec { get; } = new(
        "train-baseline",
        "Train the classical baseline (ML.NET TF-IDF + metadata + leak-free speaker history; FastForest and LightGBM) on LIAR.",
        "train-baseline --data TRAIN.tsv --valid VALID.tsv --out models/baseline-NAME [--seed N] [--trees N] [--rounds N] [--algorithms LIST]",
        [
            OptionSpec.Value("data", "FILE", "LIAR training TSV (speaker history is computed from it only)"),
            OptionSpec.Value("valid", "FILE", "LIAR valid TSV (selects the trainer; metrics in the model card)"),
            OptionSpec.Value("out", "DIR", "model folder to write (created; its files are replaced, a comparison in MODEL_CARD.md is kept)"),
            OptionSpec.Value("seed", "N", "seed of ML.NET, the trainers and the history folds (default 20240917)"),
            OptionSpec.Value("trees", "N", "FastForest trees (default 300)"),
            OptionSpec.Value("rounds", "N", "LightGBM boosting rounds (default 300)"),
            Algorithms,
        ],
        MinPositionals: 0,
        MaxPositionals: 0,
        Notes: $"""
            Every listed trainer is fitted with leak-free speaker history (5-fold out-of-fold label counts for training
            rows, all training rows for valid and serving); the best valid ROC-AUC is kept. The kept trainer is then
            refitted once with LIAR's count columns as they come (they include each row's own label) and once with no
            history, and MODEL_CARD.md shows the three valid results side by side. Serve the folder with --model DIR.

            {HelpText.ExitCodes}
            """);

    /// <inheritdoc />
    public async Task<ExitCode> RunAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        var train = arguments.Value("data") ?? throw new UsageException("'train-baseline' needs --data TRAIN.tsv", Spec.Name);
        var valid = arguments.Value("valid") ?? throw new UsageException("'train-baseline' needs --valid VALID.tsv", Spec.Name);
        var output = arguments.Value("out") ?? throw new UsageException("'train-baseline' needs --out DIR", Spec.Name);
        foreach (var (option, path) in new[] { ("--data", train), ("--valid", valid) })
        {
            if (!File.Exists(path))
            {
                throw new UsageException($"{option}: file '{path}' does not exist", Spec.Name);
            }
        }

        var defaults = new BaselineTrainerOptions();
        var options = new BaselineTrainerOptions
        {
            Seed = arguments.Int("seed", min: 0) ?? defaults.Seed,
            ForestTrees = arguments.Int("trees", min: 1, max: 100_000) ?? defaults.ForestTrees,
            BoostingRounds = arguments.Int("rounds", min: 1, max: 100_000) ?? defaults.BoostingRounds,
            Algorithms = arguments.Value(Algorithms.Name) is { } list ? ParseAlgorithms(list) : defaults.Algorithms,
        };

        try
        {
            await Task.Run(
                () => BaselineTraining.Run(train, valid, output, options, line => context.Note(line), cancellationToken),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or DataFormatException)
        {
            throw new CliException(CliErrorKind.InvalidInput, e.Message, e);
        }

        await context.Stdout.WriteLineAsync($"model: {Path.GetFullPath(output)}").ConfigureAwait(false);
        return ExitCode.Success;
    }

    private List<BaselineAlgorithm> ParseAlgorithms(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(name => name.ToLowerInvariant() switch
            {
                "fastforest" => BaselineAlgorithm.FastForest,
                "lightgbm" => BaselineAlgorithm.LightGbm,
                _ => throw new UsageException($"--algorithms: unknown trainer '{name}' (expected fastforest, lightgbm)", Spec.Name),
            })
            .Distinct()
            .ToList();
}

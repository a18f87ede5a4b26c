using System.Globalization;
using System.Text.Json;
using FakeNews.Cli.Arguments;
using FakeNews.Cli.Output;
using FakeNews.Core.Classification;
using FakeNews.Core.Explanations;

namespace FakeNews.Cli.Commands;

/// <summary><c>predict TEXT|-</c>: classify one text given on the command line or on stdin.</summary>
internal sealed class PredictCommand : ICommand
{
    /// <inheritdoc />
    public CommandSpec Spec { get; } = new(
        "predict",
        "Classify one claim or article and print the verdict and the probability that it is fake.",
        "predict TEXT|- [--title T] [--speaker S --job J --party P --state S --subject S --context C] [--explain] [--json] [model options]",
        [
            OptionSpec.Value("title", "TEXT", "headline, read by the model before the text"),
            .. ArticleMetadata.FieldNames.Select(name => OptionSpec.Value(name, "TEXT", $"claim metadata: {name}")),
            OptionSpec.Flag("json", "print a JSON object instead of a line"),
            OptionSpec.Flag("explain", "also show which words (or, for long texts, sentences) drove the verdict"),
            .. ModelOptions.All,
        ],
        MinPositionals: 1,
        MaxPositionals: 1,
        Notes: """
            TEXT '-' reads the text from stdin; put '--' before a TEXT that starts with '-'.
            The line output is: LABEL p_fake=P tokens=N chunks=N model=NAME@VERSION, then kind=K threshold=T for
            models calibrated per kind.
            The JSON output has: label, p_fake, probabilities {label: p}, tokens, chunks, windows [{index, start_token,
            token_count, p_fake}], model, latency_ms, kind (claim|headline|article|post: the input kind whose
            calibration and threshold gave the verdict, for models calibrated per kind) and threshold (the p_fake at
            or above which the label is fake for this text).
            --explain marks the strongest units in the text (colour on a terminal, else [+unit] toward fake and
            [-unit] toward real); with --json it adds granularity (word|sentence) and attributions [{source
            (text|title|metadata), field (metadata only), start, end, text, weight}]: start/end are UTF-16 offsets
            into the text, the title or the field value, and weight is p_fake minus p_fake without the unit.
            Exit codes: 0 ok, 2 bad arguments or unusable text, 4 model not loadable, 5 CUDA unavailable, 1 other.
            """);

    /// <inheritdoc />
    public async Task<ExitCode> RunAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        var text = arguments.Positionals[0] == "-"
            ? await context.Stdin.ReadToEndAsync(cancellationToken).ConfigureAwait(false)
            : arguments.Positionals[0];
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new UsageException("the text to predict is empty", Spec.Name);
        }

        var metadata = ArticleMetadata.FromDictionary(ArticleMetadata.FieldNames.ToDictionary(name => name, arguments.Value));
        var request = new ClassificationRequest(text, arguments.Value("title"), metadata);

        using var loggerFactory = ModelOptions.CreateLoggerFactory(arguments, context);
        await using var classifier = await ModelOptions.CreateClassifierAsync(arguments, context, loggerFactory, 1, cancellationToken).ConfigureAwait(false);
        if (arguments.Has("explain"))
        {
            var explanation = await classifier.ExplainAsync(request, cancellationToken).ConfigureAwait(false);
            var lines = arguments.Has("json")
                ? [ToJson(explanation.Result, explanation)]
                : ExplanationWriter.Lines(explanation, request.Title, text, context.StdoutIsTerminal).Prepend(ToLine(explanation.Result));
            foreach (var line in lines)
            {
                await context.Stdout.WriteLineAsync(line).ConfigureAwait(false);
            }
        }
        else
        {
            var result = await classifier.ClassifyAsync(request, cancellationToken).ConfigureAwait(false);
            await context.Stdout.WriteLineAsync(arguments.Has("json") ? ToJson(result) : ToLine(result)).ConfigureAwait(false);
        }

        await context.Stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
        return ExitCode.Success;
    }

    internal static string ToLine(ClassificationResult result) => string.Create(
        CultureInfo.InvariantCulture,
        $"{result.Label} p_fake={result.PFake:F4} tokens={result.Tokens} chunks={result.Chunks.Count} model={result.Model}")
        + (result.Kind is { } kind
            ? string.Create(CultureInfo.InvariantCulture, $" kind={InputKinds.Name(kind)} threshold={result.Threshold:0.####}")
            : string.Empty);

    internal static string ToJson(ClassificationResult result, Explanation? explanation = null) =>
        JsonSerializer.Serialize(PredictionJson.From(result, explanation), CliJson.Default.PredictionJson);
}

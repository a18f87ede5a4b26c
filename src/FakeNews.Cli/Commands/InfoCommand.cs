using System.Text.Json;
using FakeNews.Cli.Arguments;
using FakeNews.Cli.Output;
using FakeNews.Core.Classification;

namespace FakeNews.Cli.Commands;

/// <summary><c>info</c>: load the model on the chosen device and describe it.</summary>
internal sealed class InfoCommand : ICommand
{
    /// <inheritdoc />
    public CommandSpec Spec { get; } = new(
        "info",
        "Load the model and show its name and version, labels, maximum length, inputs, execution provider, precision and ONNX Runtime version.",
        "info [--json] [model options]",
        [OptionSpec.Flag("json", "print a JSON object"), .. ModelOptions.All],
        MinPositionals: 0,
        MaxPositionals: 0,
        Notes: "The JSON output has: name, version, id, labels, max_length, inputs, execution_provider, precision, onnx_runtime_version, directory.");

    /// <inheritdoc />
    public async Task<ExitCode> RunAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        using var loggerFactory = ModelOptions.CreateLoggerFactory(arguments, context);
        await using var classifier = await ModelOptions.CreateClassifierAsync(arguments, context, loggerFactory, 1, cancellationToken).ConfigureAwait(false);
        var model = classifier.Model;
        await context.Stdout.WriteAsync(arguments.Has("json") ? ToJson(model) + "\n" : ToText(model)).ConfigureAwait(false);
        await context.Stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
        return ExitCode.Success;
    }

    internal static string ToText(ModelInfo model) => $"""
        model:              {model.Id}
        labels:             {string.Join(", ", model.Labels)}
        max length:         {model.MaxLength}
        inputs:             {string.Join(", ", model.Inputs)}
        execution provider: {model.ExecutionProvider}
        precision:          {model.Precision}
        onnx runtime:       {model.RuntimeVersion}
        directory:          {model.Directory}

        """;

    internal static string ToJson(ModelInfo model) => JsonSerializer.Serialize(ModelInfoJson.From(model), CliJson.Default.ModelInfoJson);
}

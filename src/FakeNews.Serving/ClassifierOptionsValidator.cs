using FakeNews.Core.Models;
using FakeNews.Inference;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace FakeNews.Serving;

/// <summary>
/// Checks the bound <see cref="ClassifierOptions"/> at start-up (ValidateOnStart): that the model folder resolves and
/// exists, and every model-independent setting. Each message names the configuration key and how to fix it.
/// </summary>
internal sealed class ClassifierOptionsValidator(IConfiguration configuration, ServingSetup setup) : IValidateOptions<ClassifierOptions>
{
    public ValidateOptionsResult Validate(string? name, ClassifierOptions options)
    {
        var failures = Problems(options).Select(p => $"{setup.KeyFor(configuration, p.Key)} {p.Problem}").ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The problems of <paramref name="options"/>, the model folder's first.</summary>
    internal static IReadOnlyList<OptionProblem> Problems(ClassifierOptions options)
    {
        const string Folder = nameof(ClassifierOptions.ModelDirectory);
        string directory;
        try
        {
            directory = ModelFolder.Resolve(options.ModelDirectory);
        }
        catch (InvalidDataException e)
        {
            return [new(Folder, $"is not set and no default model folder was found: {e.Message}")];
        }

        if (!Directory.Exists(directory))
        {
            return [new(Folder, $"'{directory}' does not exist; set it (or {ModelFolder.ModelEnvironmentVariable}) to a model folder such as {ModelFolder.DefaultRelativePath}.")];
        }

        return (options with { ModelDirectory = directory }).Problems();
    }
}

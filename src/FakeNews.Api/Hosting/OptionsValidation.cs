using FakeNews.Core.Models;
using FakeNews.Inference;
using Microsoft.Extensions.Options;

namespace FakeNews.Api.Hosting;

/// <summary>Checks <see cref="ApiOptions"/> at start-up; failures name the configuration key.</summary>
internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var failures = new List<string>();
        if (options.MaxRequestBodyBytes is < 1024 or > 1L << 30)
        {
            failures.Add($"Api:MaxRequestBodyBytes is {options.MaxRequestBodyBytes}; it must be between 1024 and 1073741824.");
        }

        if (options.MaxBatchItems is < 1 or > 10_000)
        {
            failures.Add($"Api:MaxBatchItems is {options.MaxBatchItems}; it must be between 1 and 10000.");
        }

        if (options.RetryAfterSeconds is < 1 or > 3600)
        {
            failures.Add($"Api:RetryAfterSeconds is {options.RetryAfterSeconds}; it must be between 1 and 3600.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>
/// Checks the <c>Classifier</c> section with <see cref="ClassifierOptions.Validate()"/> and that the model folder
/// resolves, so a bad setting stops the host before it listens; messages name the configuration key.
/// </summary>
internal sealed class ClassifierOptionsValidator : IValidateOptions<ClassifierOptions>
{
    public ValidateOptionsResult Validate(string? name, ClassifierOptions options)
    {
        try
        {
            string directory;
            try
            {
                directory = ClassifierLoader.ResolveModelDirectory(options);
            }
            catch (InvalidDataException e)
            {
                return ValidateOptionsResult.Fail($"Classifier:ModelDirectory is not set and no default model folder was found: {e.Message}");
            }

            if (!Directory.Exists(directory))
            {
                return ValidateOptionsResult.Fail(
                    $"Classifier:ModelDirectory '{directory}' does not exist; set it (or FAKENEWS_MODEL) to a model folder such as models/minilm-news-v2.");
            }

            (options with { ModelDirectory = directory }).Validate();
            return ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException)
        {
            return ValidateOptionsResult.Fail(e.Message.Replace("ClassifierOptions.", "Classifier:", StringComparison.Ordinal));
        }
    }
}

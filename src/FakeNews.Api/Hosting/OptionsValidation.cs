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

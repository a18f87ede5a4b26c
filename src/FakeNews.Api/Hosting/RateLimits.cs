using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace FakeNews.Api.Hosting;

/// <summary>
/// Per-caller request limits on the <c>/v1</c> routes, bound from <c>Api:RateLimit</c>: at most
/// <see cref="PermitLimit"/> requests per <see cref="Window"/> (a fixed window) for each API key, or for each remote
/// IP address when no keys are set. A batch counts as one request; its items are bounded by <c>Api:MaxBatchItems</c>.
/// </summary>
public sealed class ApiRateLimitOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Api:RateLimit";

    /// <summary>Requests allowed per caller and window; 0 turns the limit off. Default 600.</summary>
    public int PermitLimit { get; set; } = 600;

    /// <summary>The window the permits are counted over. Default one minute.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Checks <see cref="ApiRateLimitOptions"/> at start-up; failures name the configuration key.</summary>
internal sealed class ApiRateLimitOptionsValidator : IValidateOptions<ApiRateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiRateLimitOptions options)
    {
        var failures = new List<string>();
        if (options.PermitLimit < 0)
        {
            failures.Add($"Api:RateLimit:PermitLimit is {options.PermitLimit}; it must be 0 (no limit) or more.");
        }

        if (options.Window < TimeSpan.FromSeconds(1) || options.Window > TimeSpan.FromDays(1))
        {
            failures.Add($"Api:RateLimit:Window is {options.Window}; it must be between 00:00:01 and 1.00:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>ASP.NET Core's rate limiter, partitioned by API key (or remote IP), answering 429 problem details with Retry-After.</summary>
internal static class RateLimits
{
    private const string Limited = "/v1";

    /// <summary>Registers the limiter; it runs after the key check, so a key's index is known when it partitions.</summary>
    public static IServiceCollection AddApiRateLimits(this IServiceCollection services)
    {
        services.AddOptions<ApiRateLimitOptions>().BindConfiguration(ApiRateLimitOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiRateLimitOptions>, ApiRateLimitOptionsValidator>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ApiRateLimitOptions>>((limiter, api) =>
        {
            var settings = api.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, settings));
            limiter.OnRejected = (rejected, _) => RejectAsync(rejected, settings);
        });
        return services;
    }

    /// <summary>The caller's partition: its key's index, else its remote address; routes outside /v1 are not limited.</summary>
    internal static RateLimitPartition<string> Partition(HttpContext context, ApiRateLimitOptions settings)
    {
        if (settings.PermitLimit == 0 || !context.Request.Path.StartsWithSegments(Limited, StringComparison.OrdinalIgnoreCase))
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        var caller = context.Items.TryGetValue(ApiKeyMiddleware.KeyIndexItem, out var index)
            ? $"key:{index}"
            : $"ip:{context.Connection.RemoteIpAddress}";
        return RateLimitPartition.GetFixedWindowLimiter(caller, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.PermitLimit,
            Window = settings.Window,
            QueueLimit = 0,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, ApiRateLimitOptions settings)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : settings.Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problemDetails = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests from this caller",
                Detail = $"At most {settings.PermitLimit} requests per {settings.Window} are allowed for each API key "
                    + $"(or address, without keys) (Api:RateLimit); retry after {seconds} s.",
            },
        }).ConfigureAwait(false);
    }
}

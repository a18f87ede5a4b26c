using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace FakeNews.Api.Hosting;

/// <summary>
/// Cross-origin access, bound from <c>Api:Cors</c>: the origins (a browser extension's, such as
/// <c>chrome-extension://ID</c>, or a web app's) whose scripts may call the API. None by default, and then no CORS
/// middleware runs at all.
/// </summary>
public sealed class ApiCorsOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Api:Cors";

    /// <summary>Origins allowed to call the API from a browser, each <c>scheme://host[:port]</c> with no path.</summary>
    public IReadOnlyList<string> Origins { get; set; } = [];

    /// <summary>How long a browser may cache a preflight answer. Default 10 minutes.</summary>
    public TimeSpan PreflightMaxAge { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>Checks that every configured origin is a bare origin, the form browsers send in <c>Origin</c>.</summary>
internal sealed partial class ApiCorsOptionsValidator : IValidateOptions<ApiCorsOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiCorsOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Origins.Count; i++)
        {
            var origin = options.Origins[i] ?? string.Empty;
            if (!IsOrigin(origin))
            {
                failures.Add($"Api:Cors:Origins:{i} is '{origin}'; write an origin as scheme://host[:port] with no path or trailing slash, "
                    + "such as chrome-extension://<extension id> or https://app.example.org.");
            }
        }

        if (options.PreflightMaxAge < TimeSpan.Zero || options.PreflightMaxAge > TimeSpan.FromDays(1))
        {
            failures.Add($"Api:Cors:PreflightMaxAge is {options.PreflightMaxAge}; it must be between 00:00:00 and 1.00:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex(@"^[a-z][a-z0-9+.-]*://[^/?#@\s]+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Origin();

    private static bool IsOrigin(string origin) => Origin().IsMatch(origin);
}

/// <summary>The CORS policy: configured origins may send the API's requests with a key and read its errors.</summary>
internal static class Cors
{
    /// <summary>
    /// The default policy from <see cref="ApiCorsOptions"/>: GET and POST with <c>Content-Type</c>,
    /// <c>Authorization</c> and <c>X-Api-Key</c>; <c>Retry-After</c> is exposed so a caller can honour 429 and 503.
    /// Credentials (cookies) are not allowed: the API has none.
    /// </summary>
    public static IServiceCollection AddApiCors(this IServiceCollection services)
    {
        services.AddOptions<ApiCorsOptions>().BindConfiguration(ApiCorsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiCorsOptions>, ApiCorsOptionsValidator>();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<ApiCorsOptions>>((cors, api) => cors.AddDefaultPolicy(policy => policy
            .WithOrigins([.. api.Value.Origins])
            .WithMethods(HttpMethods.Get, HttpMethods.Post)
            .WithHeaders("Content-Type", "Authorization", "X-Api-Key")
            .WithExposedHeaders("Retry-After")
            .SetPreflightMaxAge(api.Value.PreflightMaxAge)));
        return services;
    }

    /// <summary>Adds the CORS middleware when at least one origin is configured; preflight requests end there.</summary>
    public static IApplicationBuilder UseApiCors(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<ApiCorsOptions>>().Value;
        return options.Origins.Count == 0 ? app : app.UseCors();
    }
}

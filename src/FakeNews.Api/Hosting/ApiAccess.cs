using Microsoft.Extensions.Options;

namespace FakeNews.Api.Hosting;

/// <summary>
/// Who may call the API, and how often: CORS for configured browser origins, optional API keys and per-caller rate
/// limits. Settings: <c>Api:Keys</c>, <c>Api:MetricsWithoutKey</c>, <c>Api:Cors</c>, <c>Api:RateLimit</c>.
/// </summary>
public static class ApiAccess
{
    /// <summary>Registers the key, CORS and rate-limit options (validated at start) and their services.</summary>
    public static WebApplicationBuilder AddApiAccess(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiKeyOptions>, ApiKeyOptionsValidator>();
        services.Configure<Microsoft.AspNetCore.OpenApi.OpenApiOptions>("v1", o => o.AddDocumentTransformer<ApiKeysOpenApiTransformer>());
        services.AddApiCors();
        services.AddApiRateLimits();
        return builder;
    }

    /// <summary>
    /// Adds, in this order, CORS (so preflights and the CORS headers of refusals come first), the key check (so the
    /// limiter partitions by key) and the rate limiter. Call it after <c>MapFakeNewsApi</c>: the page's static files
    /// are served before it and need no key; every endpoint runs after it.
    /// </summary>
    public static WebApplication UseApiAccess(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseApiCors();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseRateLimiter();
        return app;
    }
}

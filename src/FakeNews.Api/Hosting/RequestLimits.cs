using System.Globalization;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace FakeNews.Api.Hosting;

/// <summary>Connection and time limits of the HTTP server, bound from the <c>RequestLimits</c> section and validated at start-up.</summary>
public sealed class RequestLimitOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "RequestLimits";

    /// <summary>Longest time a request may take, queueing and inference included; then 503 with Retry-After. Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest time a client may take to send the request headers (slow-header clients hold connections). Default 10 s.</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest idle time of a kept-alive connection. Default 30 s.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most open connections; further ones wait in the socket backlog. Default 1024.</summary>
    public int MaxConcurrentConnections { get; set; } = 1024;

    /// <summary>Most request headers; more gives 431. Default 64.</summary>
    public int MaxRequestHeaderCount { get; set; } = 64;

    /// <summary>Largest total size of the request headers, in bytes; more gives 431. Default 16 KiB.</summary>
    public int MaxRequestHeadersTotalSize { get; set; } = 16 * 1024;

    /// <summary>The problems with these settings, each naming the setting, or none.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var (name, value) in new[] { (nameof(RequestTimeout), RequestTimeout), (nameof(RequestHeadersTimeout), RequestHeadersTimeout), (nameof(KeepAliveTimeout), KeepAliveTimeout) })
        {
            if (value <= TimeSpan.Zero || value > TimeSpan.FromHours(1))
            {
                yield return $"{SectionName}:{name} is {value}; it must be between 00:00:00.001 and 01:00:00.";
            }
        }

        foreach (var (name, value, min, max) in new[]
                 {
                     (nameof(MaxConcurrentConnections), MaxConcurrentConnections, 1, 1_000_000),
                     (nameof(MaxRequestHeaderCount), MaxRequestHeaderCount, 8, 1000),
                     (nameof(MaxRequestHeadersTotalSize), MaxRequestHeadersTotalSize, 4096, 1 << 20),
                 })
        {
            if (value < min || value > max)
            {
                yield return $"{SectionName}:{name} is {value}; it must be between {min} and {max}.";
            }
        }
    }
}

/// <summary>
/// Server limits: Kestrel's body, header, connection and keep-alive limits, and a time limit per request that
/// answers 503 problem details with Retry-After. Register with <see cref="AddRequestLimits"/>, then add the
/// middleware with <see cref="UseRequestLimits"/> after the routes are mapped, so it runs inside the error handler.
/// </summary>
public static class RequestLimits
{
    /// <summary>Binds and validates <see cref="RequestLimitOptions"/> and applies them to Kestrel and the request timeout.</summary>
    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<RequestLimitOptions>().BindConfiguration(RequestLimitOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RequestLimitOptions>, RequestLimitOptionsValidator>();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitOptions>, IOptions<ApiOptions>>((kestrel, limits, api) =>
        {
            var l = limits.Value;
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = api.Value.MaxRequestBodyBytes;
            kestrel.Limits.RequestHeadersTimeout = l.RequestHeadersTimeout;
            kestrel.Limits.KeepAliveTimeout = l.KeepAliveTimeout;
            kestrel.Limits.MaxConcurrentConnections = l.MaxConcurrentConnections;
            kestrel.Limits.MaxRequestHeaderCount = l.MaxRequestHeaderCount;
            kestrel.Limits.MaxRequestHeadersTotalSize = l.MaxRequestHeadersTotalSize;
        });
        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<RequestLimitOptions>, IOptions<ApiOptions>>((timeouts, limits, api) =>
        {
            var timeout = limits.Value.RequestTimeout;
            var retryAfter = api.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            timeouts.DefaultPolicy = new RequestTimeoutPolicy
            {
                Timeout = timeout,
                TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
                WriteTimeoutResponse = context =>
                {
                    context.Response.Headers.RetryAfter = retryAfter;
                    return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = context,
                        ProblemDetails = new ProblemDetails
                        {
                            Status = StatusCodes.Status503ServiceUnavailable,
                            Title = "The request took too long",
                            Detail = $"The request was stopped after {timeout} ({RequestLimitOptions.SectionName}:RequestTimeout); retry later.",
                        },
                    }).AsTask();
                },
            };
        });
        return builder;
    }

    /// <summary>Adds the request timeout middleware.</summary>
    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRequestTimeouts();
        return app;
    }
}

/// <summary>Checks <see cref="RequestLimitOptions"/> at start-up; failures name the configuration key.</summary>
internal sealed class RequestLimitOptionsValidator : IValidateOptions<RequestLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RequestLimitOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

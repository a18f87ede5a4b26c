using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace FakeNews.Api.Hosting;

/// <summary>
/// Optional API keys, bound from the <c>Api</c> section: <c>Api:Keys</c> (none by default: every route is open) and
/// <c>Api:MetricsWithoutKey</c>. Validated at start-up; messages name the key's index, never its value.
/// </summary>
public sealed class ApiKeyOptions
{
    /// <summary>Shortest key accepted, so a key cannot be guessed by trying.</summary>
    public const int MinimumLength = 16;

    /// <summary>
    /// The accepted keys. With at least one, every route but <c>/</c>, <c>/healthz</c>, <c>/readyz</c> and the page's
    /// files needs one of them in <c>Authorization: Bearer KEY</c> or <c>X-Api-Key: KEY</c>.
    /// </summary>
    public IReadOnlyList<string> Keys { get; set; } = [];

    /// <summary>Serve <c>/metrics</c> without a key even when keys are set (a scraper on a private network). Default false.</summary>
    public bool MetricsWithoutKey { get; set; }
}

/// <summary>Checks <see cref="ApiKeyOptions"/>: each key at least 16 visible ASCII characters, no duplicates.</summary>
internal sealed class ApiKeyOptionsValidator : IValidateOptions<ApiKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Keys.Count; i++)
        {
            var key = options.Keys[i] ?? string.Empty;
            if (key.Length < ApiKeyOptions.MinimumLength || !key.All(c => c is > ' ' and < '\u007f'))
            {
                failures.Add($"Api:Keys:{i} must be at least {ApiKeyOptions.MinimumLength} visible ASCII characters with no spaces; "
                    + "generate one with 'openssl rand -hex 32'.");
            }
            else if (!seen.Add(key))
            {
                failures.Add($"Api:Keys:{i} repeats an earlier key; remove it.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>
/// Refuses requests without a valid key with 401 problem details when <c>Api:Keys</c> is set; passes everything
/// through when it is empty. Keys are compared as SHA-256 digests in constant time against every configured key, so
/// neither the timing nor the length of a guess tells anything. Keys are never logged; the partition of the rate
/// limiter reads the matched key's index from <see cref="KeyIndexItem"/>.
/// </summary>
internal sealed partial class ApiKeyMiddleware
{
    /// <summary>The <see cref="HttpContext.Items"/> entry that holds the index of the key a request presented.</summary>
    public static readonly object KeyIndexItem = new();

    private readonly RequestDelegate _next;
    private readonly byte[][] _digests;
    private readonly bool _metricsWithoutKey;
    private readonly ILogger<ApiKeyMiddleware> _logger;

    public ApiKeyMiddleware(RequestDelegate next, IOptions<ApiKeyOptions> options, ILogger<ApiKeyMiddleware> logger)
    {
        _next = next;
        _digests = [.. options.Value.Keys.Select(Digest)];
        _metricsWithoutKey = options.Value.MetricsWithoutKey;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problemDetails)
    {
        if (_digests.Length == 0 || IsOpen(context.Request.Path))
        {
            await _next(context).ConfigureAwait(false);
            return;
        }

        var presented = Presented(context.Request);
        var index = presented is null ? -1 : Match(Digest(presented));
        if (index >= 0)
        {
            context.Items[KeyIndexItem] = index;
            await _next(context).ConfigureAwait(false);
            return;
        }

        if (presented is null)
        {
            LogNoKey(_logger, context.Request.Method, context.Request.Path);
        }
        else
        {
            LogUnknownKey(_logger, context.Request.Method, context.Request.Path);
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = presented is null ? "An API key is required" : "The API key is not valid",
                Detail = "Send one of the keys set in Api:Keys as 'Authorization: Bearer KEY' or 'X-Api-Key: KEY'.",
            },
        }).ConfigureAwait(false);
    }

    /// <summary>Routes that never need a key: the page, liveness and readiness (and metrics when so configured).</summary>
    private bool IsOpen(PathString path) => IsOpenPath(path, _metricsWithoutKey);

    /// <summary>Whether <paramref name="path"/> is served without a key: the page, the health probes and, when set, metrics.</summary>
    internal static bool IsOpenPath(PathString path, bool metricsWithoutKey) =>
        path == "/" || path == "/healthz" || path == "/readyz" || (metricsWithoutKey && path == "/metrics");

    /// <summary>The key in <c>X-Api-Key</c>, else the token of an <c>Authorization: Bearer</c> header; null when neither.</summary>
    internal static string? Presented(HttpRequest request)
    {
        var header = request.Headers["X-Api-Key"].ToString().Trim();
        if (header.Length > 0)
        {
            return header;
        }

        var authorization = request.Headers.Authorization.ToString().Trim();
        const string scheme = "Bearer ";
        if (authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization[scheme.Length..].Trim();
            return token.Length > 0 ? token : null;
        }

        return null;
    }

    /// <summary>The index of the matching key, or -1; compares against every key whatever matches, in constant time.</summary>
    private int Match(byte[] digest)
    {
        var index = -1;
        for (var i = 0; i < _digests.Length; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(_digests[i], digest))
            {
                index = i;
            }
        }

        return index;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Path}: no API key")]
    private static partial void LogNoKey(ILogger logger, string method, PathString path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Path}: unknown API key")]
    private static partial void LogUnknownKey(ILogger logger, string method, PathString path);
}

namespace FakeNews.Api.Hosting;

/// <summary>
/// Security headers on every response, error responses included: a Content-Security-Policy that allows only the
/// page's own script, styles and API calls (no inline script or style, no framing), <c>nosniff</c>, and no referrer.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The Content-Security-Policy sent with every response.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Adds the headers; call first, so they are set whatever answers the request.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(next => context =>
        {
            // OnStarting: the exception handler clears headers set earlier before it writes a problem response.
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpResponse)state).Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });
    }
}

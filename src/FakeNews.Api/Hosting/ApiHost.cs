namespace FakeNews.Api.Hosting;

/// <summary>
/// The whole API host in two calls, shared by Program.cs and the load test so the two cannot drift: the services
/// (<see cref="AddFakeNewsApiHost"/>) and the middleware and routes in their order (<see cref="UseFakeNewsApiHost"/>).
/// </summary>
public static class ApiHost
{
    /// <summary>Registers the API, access control (keys, CORS, rate limits) and server limits.</summary>
    public static WebApplicationBuilder AddFakeNewsApiHost(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddFakeNewsApi().AddApiAccess().AddRequestLimits();
    }

    /// <summary>Adds the security headers, the routes, access control and the request time limit, in that order.</summary>
    public static WebApplication UseFakeNewsApiHost(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseSecurityHeaders();
        return app.MapFakeNewsApi().UseApiAccess().UseRequestLimits();
    }
}

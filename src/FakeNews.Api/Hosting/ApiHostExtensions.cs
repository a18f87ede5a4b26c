using System.Text.Json;
using System.Text.Json.Serialization;
using FakeNews.Api.Endpoints;
using FakeNews.Api.Errors;
using FakeNews.Api.Metrics;
using FakeNews.Core.Batching;
using FakeNews.Serving;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace FakeNews.Api.Hosting;

/// <summary>Wires the API: options, classifier loading, error mapping, metrics, OpenAPI, routes and the page.</summary>
public static class ApiHostExtensions
{
    /// <summary>Registers the API's services; options are bound from configuration and validated at start.</summary>
    public static WebApplicationBuilder AddFakeNewsApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();

        // The model loads in the background so /healthz answers at once; every batch feeds the batch size histogram.
        services.AddServedClassifier(ClassifierLoading.Background);
        services.AddSingleton<ApiMetrics>();
        services.AddSingleton<IBatchObserver>(sp => sp.GetRequiredService<ApiMetrics>());

        // Every binding failure throws, so ProblemMapper is the only place that shapes error responses.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemMapper>();
        services.AddOpenApi(o => o.AddDocumentTransformer<MetricsRouteTransformer>());
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("fakenews-api"))
            .WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter(ApiMetrics.MeterName)
            .AddPrometheusExporter());
        return builder;
    }

    /// <summary>Adds the middleware and maps every route: the API, health, metrics, OpenAPI and the page.</summary>
    public static WebApplication MapFakeNewsApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseStaticFiles(new StaticFileOptions { FileProvider = PageFiles.Provider });
        app.MapClassifyEndpoints();
        app.MapServiceEndpoints();
        app.MapOpenApi();
        app.MapPrometheusScrapingEndpoint();
        return app;
    }
}

using FakeNews.Api.Contracts;
using FakeNews.Api.Hosting;
using FakeNews.Core.Classification;
using FakeNews.Serving;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace FakeNews.Api.Endpoints;

/// <summary><c>GET /v1/model</c>, <c>/healthz</c>, <c>/readyz</c> and the web page at <c>/</c>.</summary>
public static class ServiceEndpoints
{
    /// <summary>Maps the model, health and page routes.</summary>
    public static IEndpointRouteBuilder MapServiceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/model", GetModel)
            .WithTags("Model").WithName("GetModel")
            .WithSummary("The model being served: name, version, labels, maximum length, execution provider, headline metrics.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapGet("/healthz", Alive)
            .WithTags("Health").WithName("Alive").WithSummary("Liveness: the process answers HTTP.");
        app.MapGet("/readyz", Ready)
            .WithTags("Health").WithName("Ready").WithSummary("Readiness: the model is loaded and warmed up; 503 until then.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapGet("/", Page)
            .WithTags("Page").WithName("Page").WithSummary("The web page: paste a claim or an article and see the verdict.")
            .Produces(StatusCodes.Status200OK, contentType: "text/html");
        return app;
    }

    internal static Ok<ModelResponse> GetModel(ClassifierHolder holder, IOptions<ApiOptions> options)
    {
        var classifier = holder.Get();
        var model = classifier.Model;
        return TypedResults.Ok(new ModelResponse(
            model.Name,
            model.Version,
            model.Labels,
            model.MaxLength,
            model.ExecutionProvider,
            model.RuntimeVersion,
            model.Inputs,
            classifier.Threshold,
            classifier.Temperature,
            holder.HeadlineMetrics?.DeepClone(),
            options.Value.MaxBatchItems,
            options.Value.MaxRequestBodyBytes,
            classifier.Kinds?.ToDictionary(k => InputKinds.Name(k.Key), k => new KindCalibrationResponse(k.Value.Temperature, k.Value.Bias, k.Value.Threshold))));
    }

    internal static Ok<HealthResponse> Alive() => TypedResults.Ok(new HealthResponse("alive"));

    internal static Ok<HealthResponse> Ready(ClassifierHolder holder) => TypedResults.Ok(new HealthResponse("ready", holder.Get().Model.Id));

    internal static FileStreamHttpResult Page() =>
        TypedResults.Stream(PageFiles.Provider.GetFileInfo("index.html").CreateReadStream(), "text/html; charset=utf-8");
}

using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FakeNews.Api.Hosting;

/// <summary>
/// Describes <c>GET /metrics</c> in the OpenAPI document: the Prometheus exporter is middleware, not a route
/// handler, so the document generator does not see it on its own.
/// </summary>
internal sealed class MetricsRouteTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Paths ??= new OpenApiPaths();
        document.Paths["/metrics"] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = "Metrics",
                    Summary = "Prometheus metrics: request counts and latency by route and status, batch sizes, queue depth, predictions by label.",
                    Tags = new HashSet<OpenApiTagReference> { new("Metrics", document) },
                    Responses = new OpenApiResponses
                    {
                        ["200"] = new OpenApiResponse
                        {
                            Description = "Prometheus text exposition format.",
                            Content = new Dictionary<string, OpenApiMediaType> { ["text/plain"] = new() },
                        },
                    },
                },
            },
        };
        return Task.CompletedTask;
    }
}

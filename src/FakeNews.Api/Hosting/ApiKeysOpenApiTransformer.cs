using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace FakeNews.Api.Hosting;

/// <summary>
/// With <c>Api:Keys</c> set, describes the keys in the OpenAPI document: the <c>Bearer</c> and <c>X-Api-Key</c>
/// schemes (either one is enough) on every operation that needs a key, each with its 401 answer. Without keys the
/// document is left as it is, as the API is then open.
/// </summary>
internal sealed class ApiKeysOpenApiTransformer(IOptions<ApiKeyOptions> options) : IOpenApiDocumentTransformer
{
    private const string BearerScheme = "Bearer";
    private const string HeaderScheme = "ApiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        if (options.Value.Keys.Count == 0)
        {
            return Task.CompletedTask;
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "One of the keys set in Api:Keys, as 'Authorization: Bearer KEY'.",
        };
        document.Components.SecuritySchemes[HeaderScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-Api-Key",
            Description = "One of the keys set in Api:Keys, as 'X-Api-Key: KEY'.",
        };

        foreach (var (path, item) in document.Paths ?? [])
        {
            if (ApiKeyMiddleware.IsOpenPath(path, options.Value.MetricsWithoutKey))
            {
                continue;
            }

            foreach (var operation in item.Operations?.Values.AsEnumerable() ?? [])
            {
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(HeaderScheme, document)] = [] },
                ];
                operation.Responses ??= new OpenApiResponses();
                operation.Responses["401"] = new OpenApiResponse
                {
                    Description = "No key, or a key that is not in Api:Keys (problem details, WWW-Authenticate: Bearer).",
                };
            }
        }

        return Task.CompletedTask;
    }
}

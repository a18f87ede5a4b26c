using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace FakeNews.Api.Hosting;

/// <summary>
/// Enforces <see cref="ApiOptions.MaxRequestBodyBytes"/> before any endpoint reads the body, the same way on
/// Kestrel and in the test server: a declared Content-Length over the limit fails at once; a body of unknown length
/// (chunked) is read into memory up to the limit and fails when it goes over. Failures throw 413.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<ApiOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        var request = context.Request;
        if (request.ContentLength > limit)
        {
            throw TooLarge(request.ContentLength.Value, limit);
        }

        if (request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
        {
            var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw TooLarge(buffer.Length + read, limit);
                }

                buffer.Write(chunk, 0, read);
            }

            buffer.Position = 0;
            request.Body = buffer;
            context.Response.RegisterForDisposeAsync(buffer);
        }

        await next(context).ConfigureAwait(false);
    }

    private static BadHttpRequestException TooLarge(long size, long limit) => new(
        $"The request body ({(size > limit ? "over " : string.Empty)}{size} bytes) exceeds the limit of {limit} bytes (Api:MaxRequestBodyBytes).",
        StatusCodes.Status413PayloadTooLarge);
}

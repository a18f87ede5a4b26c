using FakeNews.Api.Hosting;
using FakeNews.Core.Classification;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace FakeNews.Api.Errors;

/// <summary>
/// The one place where failures become HTTP statuses and problem details: malformed JSON or a missing field 400,
/// body over the size limit or text over MaxWindows 413, empty text 422, queue full 429 (with Retry-After),
/// not ready 503 (with Retry-After), inference failure 500; a request whose client has gone gets 499 and no body.
/// </summary>
internal sealed partial class ProblemMapper(
    IProblemDetailsService problemDetails, IOptions<ApiOptions> options, ILogger<ProblemMapper> logger) : IExceptionHandler
{
    /// <summary>Status code logged (not sent) for requests the client abandoned, as nginx does.</summary>
    public const int ClientClosedRequest = 499;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            httpContext.Response.StatusCode = ClientClosedRequest;
            return true;
        }

        var (status, title, detail) = Map(exception);
        if (status >= StatusCodes.Status500InternalServerError && status != StatusCodes.Status503ServiceUnavailable)
        {
            LogFailed(logger, exception, httpContext.Request.Path);
        }

        if (status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).ConfigureAwait(false);
    }

    /// <summary>The status, title and client-safe detail for an exception.</summary>
    internal static (int Status, string Title, string Detail) Map(Exception exception) => exception switch
    {
        ClassificationException { Kind: ErrorKind.InvalidInput } e => (StatusCodes.Status422UnprocessableEntity, "The text cannot be classified", e.Message),
        ClassificationException { Kind: ErrorKind.TooLong } e => (StatusCodes.Status413PayloadTooLarge, "The text is too long", e.Message),
        ClassificationException { Kind: ErrorKind.Overloaded } e => (StatusCodes.Status429TooManyRequests, "Too many requests are waiting", e.Message),
        ClassificationException { Kind: ErrorKind.NotReady } e => (StatusCodes.Status503ServiceUnavailable, "The model is not ready", e.Message),
        ClassificationException { Kind: ErrorKind.BackendFailure } => (StatusCodes.Status500InternalServerError, "Inference failed", "The model failed on this batch; retry."),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } e => (StatusCodes.Status413PayloadTooLarge, "The request body is too large", e.Message),
        BadHttpRequestException { InnerException: System.Text.Json.JsonException json } e => (e.StatusCode, "The request body is not valid JSON for this route", json.Message),
        BadHttpRequestException e => (e.StatusCode, "The request is malformed", e.Message),
        _ => (StatusCodes.Status500InternalServerError, "Unexpected error", "An unexpected error occurred; it has been logged."),
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Request to {Path} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string path);
}

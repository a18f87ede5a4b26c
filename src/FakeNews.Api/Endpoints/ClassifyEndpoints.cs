using FakeNews.Api.Contracts;
using FakeNews.Api.Hosting;
using FakeNews.Api.Metrics;
using FakeNews.Core.Classification;
using FakeNews.Core.Explanations;
using FakeNews.Serving;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace FakeNews.Api.Endpoints;

/// <summary><c>POST /v1/classify</c> and <c>POST /v1/classify/batch</c>. Errors are thrown and mapped by <see cref="Errors.ProblemMapper"/>.</summary>
public static class ClassifyEndpoints
{
    /// <summary>Maps the classification routes.</summary>
    public static IEndpointRouteBuilder MapClassifyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("Classify");
        group.MapPost("/classify", ClassifyAsync)
            .WithName("Classify")
            .WithSummary("Classify one claim or article as fake or real.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/classify/batch", ClassifyBatchAsync)
            .WithName("ClassifyBatch")
            .WithSummary("Classify up to Api:MaxBatchItems texts; results in request order. One bad item fails the call.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>Classifies one text; the request's cancellation reaches the batcher.</summary>
    internal static async Task<Ok<ClassifyResponse>> ClassifyAsync(
        ClassifyRequest request, ClassifierHolder holder, ApiMetrics metrics, CancellationToken cancellationToken)
    {
        var classifier = holder.Get();
        var core = ToCore(request, index: null);
        if (request.Explain == true)
        {
            var explanation = await classifier.ExplainAsync(core, cancellationToken).ConfigureAwait(false);
            metrics.RecordPrediction(explanation.Result.Label);
            return TypedResults.Ok(ToResponse(explanation));
        }

        var result = await classifier.ClassifyAsync(core, cancellationToken).ConfigureAwait(false);
        metrics.RecordPrediction(result.Label);
        return TypedResults.Ok(ToResponse(result));
    }

    /// <summary>Classifies a batch through the shared batcher; results in request order.</summary>
    internal static async Task<Ok<BatchClassifyResponse>> ClassifyBatchAsync(
        BatchClassifyRequest request, ClassifierHolder holder, ApiMetrics metrics, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var items = request.Items ?? throw BadRequest("The 'items' field is required: an array of {text, title?, metadata?} objects.");
        var max = options.Value.MaxBatchItems;
        if (items.Count == 0 || items.Count > max)
        {
            throw BadRequest($"'items' has {items.Count} entries; send between 1 and {max} (Api:MaxBatchItems).");
        }

        var requests = items.Select((item, i) => ToCore(item ?? throw BadRequest($"items[{i}] is null."), i)).ToList();
        var classifier = holder.Get();
        var started = TimeProvider.System.GetTimestamp();
        var responses = await BatchResponsesAsync(classifier, requests, items.Select(i => request.Explain == true || i!.Explain == true).ToList(), cancellationToken)
            .ConfigureAwait(false);
        foreach (var response in responses)
        {
            metrics.RecordPrediction(response.Label);
        }

        var latency = TimeProvider.System.GetElapsedTime(started).TotalMilliseconds;
        return TypedResults.Ok(new BatchClassifyResponse(responses, classifier.Model.Id, latency));
    }

    /// <summary>Classifies the items, explaining those flagged; responses in request order.</summary>
    private static async Task<IReadOnlyList<ClassifyResponse>> BatchResponsesAsync(
        IServedClassifier classifier, List<ClassificationRequest> requests, List<bool> explain, CancellationToken cancellationToken)
    {
        if (!explain.Contains(true))
        {
            var results = await classifier.ClassifyManyAsync(requests, cancellationToken).ConfigureAwait(false);
            return results.Select(ToResponse).ToList();
        }

        var explained = Enumerable.Range(0, requests.Count).Where(i => explain[i]).ToList();
        var plain = Enumerable.Range(0, requests.Count).Where(i => !explain[i]).ToList();
        var explanations = await classifier.ExplainManyAsync(explained.Select(i => requests[i]).ToList(), cancellationToken).ConfigureAwait(false);
        var classified = plain.Count == 0 ? [] : await classifier.ClassifyManyAsync(plain.Select(i => requests[i]).ToList(), cancellationToken).ConfigureAwait(false);
        var responses = new ClassifyResponse[requests.Count];
        for (var k = 0; k < explained.Count; k++)
        {
            responses[explained[k]] = ToResponse(explanations[k]);
        }

        for (var k = 0; k < plain.Count; k++)
        {
            responses[plain[k]] = ToResponse(classified[k]);
        }

        return responses;
    }

    private static ClassificationRequest ToCore(ClassifyRequest request, int? index)
    {
        if (request.Text is null)
        {
            throw BadRequest(index is null ? "The 'text' field is required." : $"items[{index}]: the 'text' field is required.");
        }

        var m = request.Metadata;
        var metadata = m is null ? null : new ArticleMetadata(m.Speaker, m.Job, m.Party, m.State, m.Subject, m.Context);
        return new ClassificationRequest(request.Text, request.Title, metadata is { IsEmpty: false } ? metadata : null);
    }

    private static ClassifyResponse ToResponse(ClassificationResult result) => new(
        result.Label,
        result.PFake,
        result.Probabilities,
        result.Tokens,
        result.Chunks.Count > 1 ? result.Chunks.Select(c => new ChunkScore(c.Index, c.StartToken, c.TokenCount, c.PFake)).ToList() : null,
        result.Model,
        Math.Round(result.LatencyMs, 3),
        InputKinds.NameOrNull(result.Kind),
        result.Threshold);

    private static ClassifyResponse ToResponse(Explanation explanation) => ToResponse(explanation.Result) with
    {
        Granularity = Explanation.GranularityName(explanation.Granularity),
        Attributions = explanation.Attributions.Select(a => new AttributionResponse(a.Source, a.Field, a.Start, a.End, a.Text, a.Weight)).ToList(),
    };

    private static BadHttpRequestException BadRequest(string message) => new(message, StatusCodes.Status400BadRequest);
}

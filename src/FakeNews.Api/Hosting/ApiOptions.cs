namespace FakeNews.Api.Hosting;

/// <summary>HTTP-level settings, bound from the <c>Api</c> configuration section and validated at start-up.</summary>
public sealed class ApiOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Api";

    /// <summary>Largest request body accepted; larger bodies get 413. Default 1 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1 << 20;

    /// <summary>Most items in one <c>POST /v1/classify/batch</c> request. Default 64.</summary>
    public int MaxBatchItems { get; set; } = 64;

    /// <summary>The <c>Retry-After</c> header value, in seconds, on 429 and 503 responses. Default 1.</summary>
    public int RetryAfterSeconds { get; set; } = 1;
}

using FakeNews.Messaging;

namespace FakeNews.Messaging.RabbitMQ;

/// <summary>
/// Broker settings of the worker and the <c>enqueue</c>/<c>collect</c> verbs (configuration section <c>RabbitMQ</c>).
/// Queue and exchange names default to <see cref="Prefix"/> plus a fixed suffix, so one setting separates deployments
/// (and tests). Validated by <see cref="Validate"/>.
/// </summary>
public sealed class RabbitMqOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "RabbitMQ";

    /// <summary>The broker, <c>amqp://user:password@host:port/vhost</c>.</summary>
    public string Uri { get; set; } = "amqp://guest:guest@127.0.0.1:5672/";

    /// <summary>Prefix of the default names: <c>{prefix}.requests</c>, <c>{prefix}.retry</c>, <c>{prefix}.results</c>, <c>{prefix}.dlx</c>, <c>{prefix}.dead-letter</c>.</summary>
    public string Prefix { get; set; } = "fakenews";

    /// <summary>The durable quorum queue of requests; default <c>{prefix}.requests</c>.</summary>
    public string? RequestQueue { get; set; }

    /// <summary>
    /// The durable quorum queue where failed requests wait out their backoff (per-message TTL, no consumer) before
    /// the broker dead-letters them back into the request queue; default <c>{prefix}.retry</c>.
    /// </summary>
    public string? RetryQueue { get; set; }

    /// <summary>The durable direct exchange results are published to; default <c>{prefix}.results</c>.</summary>
    public string? ResultsExchange { get; set; }

    /// <summary>The durable queue receiving results of requests without <c>reply_to</c>; default <c>{prefix}.results</c>.</summary>
    public string? ResultsQueue { get; set; }

    /// <summary>The durable dead-letter exchange; default <c>{prefix}.dlx</c>.</summary>
    public string? DeadLetterExchange { get; set; }

    /// <summary>The durable dead-letter queue; default <c>{prefix}.dead-letter</c>.</summary>
    public string? DeadLetterQueue { get; set; }

    /// <summary>
    /// Unacknowledged requests the broker hands one worker at a time. 0 (the default) sizes it for batching:
    /// four batches of the classifier's <c>MaxBatchSize</c>, so the batcher can fill a batch while the previous ones run.
    /// </summary>
    public int Prefetch { get; set; }

    /// <summary>Redeliveries of a request whose classification failed, before it is dead-lettered (0 to 20).</summary>
    public int MaxRedeliveries { get; set; } = 3;

    /// <summary>
    /// The wait before the first retry of a failed request; it doubles per retry up to <see cref="RetryDelayMax"/>,
    /// and each wait is drawn from half to all of its value (jitter), so a brief outage does not use up every retry at once.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between retries of a failed request.</summary>
    public TimeSpan RetryDelayMax { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The largest request body accepted; larger ones are dead-lettered as <c>oversized</c>.</summary>
    public int MaxBodyBytes { get; set; } = RequestParser.DefaultMaxBodyBytes;

    /// <summary>First wait before retrying the initial connection; doubles up to <see cref="ConnectRetryMax"/>.</summary>
    public TimeSpan ConnectRetryInitial { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between attempts of the initial connection.</summary>
    public TimeSpan ConnectRetryMax { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait between automatic recovery attempts after a connection is lost.</summary>
    public TimeSpan RecoveryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>AMQP heartbeat: how soon a silently dropped connection is noticed (about twice this).</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The connection name shown in the broker's management tools.</summary>
    public string ClientName { get; set; } = "fakenews";

    /// <summary>The request queue name in use.</summary>
    public string RequestQueueName => Name(RequestQueue, "requests");

    /// <summary>The retry queue name in use.</summary>
    public string RetryQueueName => Name(RetryQueue, "retry");

    /// <summary>The results exchange name in use.</summary>
    public string ResultsExchangeName => Name(ResultsExchange, "results");

    /// <summary>The results queue name in use.</summary>
    public string ResultsQueueName => Name(ResultsQueue, "results");

    /// <summary>The dead-letter exchange name in use.</summary>
    public string DeadLetterExchangeName => Name(DeadLetterExchange, "dlx");

    /// <summary>The dead-letter queue name in use.</summary>
    public string DeadLetterQueueName => Name(DeadLetterQueue, "dead-letter");

    /// <summary>The prefetch in use: <see cref="Prefetch"/>, or four batches when it is 0.</summary>
    public ushort EffectivePrefetch(int maxBatchSize) =>
        (ushort)Math.Clamp(Prefetch > 0 ? Prefetch : 4 * Math.Max(1, maxBatchSize), 1, ushort.MaxValue);

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it (<c>RabbitMQ:Uri</c>) and the fix.</exception>
    public void Validate()
    {
        if (!System.Uri.TryCreate(Uri, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
        {
            throw Invalid(nameof(Uri), RedactPassword(Uri), "an absolute amqp:// or amqps:// URI, e.g. amqp://guest:guest@127.0.0.1:5672/");
        }

        foreach (var (name, value) in new[]
                 {
                     (nameof(Prefix), Prefix), (nameof(RequestQueue), RequestQueueName), (nameof(RetryQueue), RetryQueueName), (nameof(ResultsExchange), ResultsExchangeName),
                     (nameof(ResultsQueue), ResultsQueueName), (nameof(DeadLetterExchange), DeadLetterExchangeName), (nameof(DeadLetterQueue), DeadLetterQueueName),
                 })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length > 200 || value.StartsWith("amq.", StringComparison.Ordinal))
            {
                throw Invalid(name, value, "a non-empty name of at most 200 characters that does not start with 'amq.'");
            }
        }

        if (RequestQueueName == ResultsQueueName || RequestQueueName == DeadLetterQueueName || ResultsQueueName == DeadLetterQueueName)
        {
            throw Invalid(nameof(RequestQueue), RequestQueueName, "different from ResultsQueue and DeadLetterQueue");
        }

        if (RetryQueueName == RequestQueueName || RetryQueueName == ResultsQueueName || RetryQueueName == DeadLetterQueueName)
        {
            throw Invalid(nameof(RetryQueue), RetryQueueName, "different from RequestQueue, ResultsQueue and DeadLetterQueue");
        }

        Range(nameof(Prefetch), Prefetch, 0, ushort.MaxValue);
        Range(nameof(MaxRedeliveries), MaxRedeliveries, 0, DeliveryPolicy.MaxAllowedRedeliveries);
        Range(nameof(MaxBodyBytes), MaxBodyBytes, 1, 128 * 1024 * 1024);
        Positive(nameof(ConnectRetryInitial), ConnectRetryInitial);
        Positive(nameof(ConnectRetryMax), ConnectRetryMax);
        Positive(nameof(RecoveryInterval), RecoveryInterval);
        Positive(nameof(Heartbeat), Heartbeat);
        Positive(nameof(RetryDelay), RetryDelay);
        Positive(nameof(RetryDelayMax), RetryDelayMax);
        if (ConnectRetryMax < ConnectRetryInitial)
        {
            throw Invalid(nameof(ConnectRetryMax), ConnectRetryMax, $"at least ConnectRetryInitial ({ConnectRetryInitial})");
        }

        if (RetryDelayMax < RetryDelay)
        {
            throw Invalid(nameof(RetryDelayMax), RetryDelayMax, $"at least RetryDelay ({RetryDelay})");
        }
    }

    /// <summary>
    /// <paramref name="uri"/> with the password of its user info replaced by <c>***</c>, for messages and logs. Works
    /// on text that does not parse as a URI too: the user info is everything between <c>://</c> (or the start) and
    /// the last <c>@</c>, so a password holding an unescaped <c>@</c> or <c>/</c> is hidden whole.
    /// </summary>
    public static string RedactPassword(string? uri)
    {
        if (string.IsNullOrEmpty(uri))
        {
            return uri ?? "";
        }

        var scheme = uri.IndexOf("://", StringComparison.Ordinal);
        var start = scheme < 0 ? 0 : scheme + 3;
        var at = uri.LastIndexOf('@');
        if (at < start)
        {
            return uri;
        }

        var colon = uri.IndexOf(':', start, at - start);
        return colon < 0 ? uri : string.Concat(uri.AsSpan(0, colon + 1), "***", uri.AsSpan(at));
    }

    private string Name(string? configured, string suffix) => string.IsNullOrWhiteSpace(configured) ? $"{Prefix}.{suffix}" : configured;

    private static void Range(string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            throw Invalid(name, value, $"between {min} and {max}");
        }
    }

    private static void Positive(string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero || value > TimeSpan.FromHours(1))
        {
            throw Invalid(name, value, "a duration between 00:00:00.001 and 01:00:00");
        }
    }

    private static ArgumentException Invalid(string name, object? value, string expected) =>
        new($"{SectionName}:{name} is '{value}'; it must be {expected}.", name);
}

namespace FakeNews.Messaging;

/// <summary>Names and versions of the worker's message contract, shared by the worker, the CLI and tests.</summary>
public static class MessageContract
{
    /// <summary>The contract version this code reads and writes (<c>schema_version</c> in the JSON).</summary>
    public const int SchemaVersion = 1;

    /// <summary>The AMQP <c>type</c> property of requests.</summary>
    public const string RequestType = "fakenews.request.v1";

    /// <summary>The AMQP <c>type</c> property of results.</summary>
    public const string ResultType = "fakenews.result.v1";

    /// <summary>The AMQP <c>content_type</c> of requests and results.</summary>
    public const string ContentType = "application/json";

    /// <summary>Header on a dead-lettered request: <c>code: detail</c>, e.g. <c>malformed_json: ...</c>.</summary>
    public const string ReasonHeader = "x-fakenews-reason";

    /// <summary>Header on a dead-lettered request: the reason code alone (see <see cref="ReasonCodes"/>).</summary>
    public const string ReasonCodeHeader = "x-fakenews-reason-code";

    /// <summary>Header on a dead-lettered request: the queue it was consumed from.</summary>
    public const string OriginalQueueHeader = "x-fakenews-original-queue";

    /// <summary>
    /// Header on a request the worker sent back through the retry queue: how many of its deliveries failed before.
    /// Added to <see cref="DeliveryCountHeader"/>, which starts again at zero for the new message.
    /// </summary>
    public const string RetriesHeader = "x-fakenews-retries";

    /// <summary>Header the broker sets on quorum-queue redeliveries: how many earlier deliveries failed.</summary>
    public const string DeliveryCountHeader = "x-delivery-count";
}

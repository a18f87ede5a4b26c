namespace FakeNews.Messaging;

/// <summary>The closed set of reason codes a request is dead-lettered with (<see cref="MessageContract.ReasonCodeHeader"/>).</summary>
public static class ReasonCodes
{
    /// <summary>The body is not UTF-8 JSON, or not a JSON object, or a field has the wrong JSON type.</summary>
    public const string MalformedJson = "malformed_json";

    /// <summary>The <c>schema_version</c> is not one this worker reads.</summary>
    public const string UnsupportedVersion = "unsupported_version";

    /// <summary>Neither the body's <c>id</c> nor the AMQP message id is set.</summary>
    public const string MissingId = "missing_id";

    /// <summary>The body has no <c>text</c> field.</summary>
    public const string MissingText = "missing_text";

    /// <summary>The <c>text</c> is empty or whitespace only.</summary>
    public const string EmptyText = "empty_text";

    /// <summary>The body is larger than the configured limit.</summary>
    public const string Oversized = "oversized";

    /// <summary>The classifier rejected the input (<c>InvalidInput</c>): retrying will not help.</summary>
    public const string InvalidInput = "invalid_input";

    /// <summary>The text needs more windows than the classifier allows (<c>TooLong</c>).</summary>
    public const string TooLong = "too_long";

    /// <summary>Classification kept failing until the redelivery limit was reached.</summary>
    public const string RetriesExhausted = "retries_exhausted";

    /// <summary>The request's <c>reply_to</c> names no queue, so its result could not be delivered.</summary>
    public const string UnroutableReplyTo = "unroutable_reply_to";
}

namespace FakeNews.Core.Classification;

/// <summary>
/// The closed set of ways a classification can fail. Each host maps these exactly once:
/// HTTP status in the API, ack / dead-letter / retry in the worker, exit code in the CLI.
/// </summary>
public enum ErrorKind
{
    /// <summary>The input is empty, malformed or otherwise unusable. Retrying will not help.</summary>
    InvalidInput,

    /// <summary>The input exceeds a configured size limit. Retrying will not help.</summary>
    TooLong,

    /// <summary>The request queue is full. Retry later.</summary>
    Overloaded,

    /// <summary>The inference backend failed. May succeed on retry.</summary>
    BackendFailure,

    /// <summary>The model is not loaded or warmed up yet. Retry later.</summary>
    NotReady,
}

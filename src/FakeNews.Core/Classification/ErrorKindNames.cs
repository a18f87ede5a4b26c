namespace FakeNews.Core.Classification;

/// <summary>The snake_case names of <see cref="ErrorKind"/> that every host writes (row errors, dead-letter reasons).</summary>
public static class ErrorKindNames
{
    /// <summary><c>invalid_input</c>, <c>too_long</c>, <c>overloaded</c>, <c>backend_failure</c> or <c>not_ready</c>.</summary>
    public static string Name(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidInput => "invalid_input",
        ErrorKind.TooLong => "too_long",
        ErrorKind.Overloaded => "overloaded",
        ErrorKind.BackendFailure => "backend_failure",
        ErrorKind.NotReady => "not_ready",
        _ => kind.ToString(),
    };
}

namespace FakeNews.Core.Classification;

/// <summary>A classification failure of a known <see cref="ErrorKind"/>.</summary>
public sealed class ClassificationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ClassificationException(ErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>What went wrong, for the host's error mapping.</summary>
    public ErrorKind Kind { get; }

    /// <summary>True when the same request may succeed if sent again later.</summary>
    public bool IsTransient => Kind is ErrorKind.Overloaded or ErrorKind.BackendFailure or ErrorKind.NotReady;

    /// <summary>True when the request itself is refused (invalid input, too long): sent again unchanged, it fails the same way.</summary>
    public bool IsInputFault => Kind is ErrorKind.InvalidInput or ErrorKind.TooLong;
}

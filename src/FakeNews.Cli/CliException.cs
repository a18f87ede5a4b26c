namespace FakeNews.Cli;

/// <summary>A failure that ends a command: one line on stderr, and the exit code <see cref="ErrorMap"/> gives its kind.</summary>
internal class CliException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CliException(CliErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>Why the command stopped.</summary>
    public CliErrorKind Kind { get; }
}

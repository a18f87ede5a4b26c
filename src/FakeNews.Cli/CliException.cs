namespace FakeNews.Cli;

/// <summary>A failure the CLI reports as one line on stderr and a specific <see cref="FakeNews.Cli.ExitCode"/>.</summary>
internal sealed class CliException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CliException(ExitCode exitCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    /// <summary>The exit code to end with.</summary>
    public ExitCode ExitCode { get; }
}

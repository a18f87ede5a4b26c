namespace FakeNews.Cli.Arguments;

/// <summary>Bad command-line arguments (<see cref="CliErrorKind.InvalidArguments"/>). The message is one line naming the argument.</summary>
internal sealed class UsageException : CliException
{
    /// <summary>Creates the exception; <paramref name="command"/> is the verb whose help to point at, if known.</summary>
    public UsageException(string message, string? command = null)
        : base(CliErrorKind.InvalidArguments, message)
    {
        Command = command;
    }

    /// <summary>The verb whose <c>--help</c> explains the usage, or null for the top level.</summary>
    public string? Command { get; }
}

using FakeNews.Cli.Arguments;

namespace FakeNews.Cli.Commands;

/// <summary>One verb of <c>fakenews</c>.</summary>
internal interface ICommand
{
    /// <summary>The verb's grammar and help.</summary>
    CommandSpec Spec { get; }

    /// <summary>Runs the verb; failures are thrown and mapped to exit codes by <see cref="ErrorMap"/>.</summary>
    Task<ExitCode> RunAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken);
}

using System.Reflection;
using FakeNews.Cli.Arguments;
using FakeNews.Cli.Commands;

namespace FakeNews.Cli;

/// <summary>
/// The <c>fakenews</c> command line: <c>predict</c>, <c>score</c>, <c>tokenize</c>, <c>info</c>. Testable in-process:
/// every byte goes through the given readers and writers, and the result is the exit code.
/// </summary>
public static class Cli
{
    private static readonly ICommand[] Commands = [new PredictCommand(), new ScoreCommand(), new TokenizeCommand(), new InfoCommand(), new EnqueueCommand(), new CollectCommand(), new EvalCommand(), new CompareCommand(), new BenchCommand(), new ExplainBenchCommand(), new TrainBaselineCommand()];

    /// <summary>Runs the command line <paramref name="args"/> and returns the process exit code (see <see cref="FakeNews.Cli.ExitCode"/>).</summary>
    public static Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        RunAsync(args, new CliContext(stdin, stdout, stderr), cancellationToken);

    /// <summary>Runs with a prepared context (terminal detection, clock, test hooks).</summary>
    internal static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        try
        {
            return (int)await DispatchAsync(args, context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return (int)await ErrorMap.ReportAsync(e, context.Stderr).ConfigureAwait(false);
        }
    }

    private static async Task<ExitCode> DispatchAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        if (args.Length == 0)
        {
            throw new UsageException("no command given; the commands are " + string.Join(", ", Commands.Select(c => c.Spec.Name)));
        }

        if (args[0] is "--help" or "-h" or "help" && args.Length == 1)
        {
            await context.Stdout.WriteAsync(HelpText.TopLevel(Commands)).ConfigureAwait(false);
            return ExitCode.Success;
        }

        if (args[0] is "--version")
        {
            await context.Stdout.WriteLineAsync($"fakenews {Version}").ConfigureAwait(false);
            return ExitCode.Success;
        }

        var verb = args[0] == "help" ? args[1] : args[0];
        var command = Commands.FirstOrDefault(c => c.Spec.Name == verb)
            ?? throw new UsageException(verb.StartsWith('-') ? $"unknown option '{verb}'" : $"unknown command '{verb}'");
        if (args[0] == "help")
        {
            await context.Stdout.WriteAsync(HelpText.For(command.Spec)).ConfigureAwait(false);
            return ExitCode.Success;
        }

        var arguments = ArgumentParser.Parse(command.Spec, args[1..]);
        if (arguments.Help)
        {
            await context.Stdout.WriteAsync(HelpText.For(command.Spec)).ConfigureAwait(false);
            return ExitCode.Success;
        }

        return await command.RunAsync(arguments, context, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The informational version of the program (without the source revision).</summary>
    internal static string Version
    {
        get
        {
            var version = typeof(Cli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            var plus = version.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? version : version[..plus];
        }
    }
}

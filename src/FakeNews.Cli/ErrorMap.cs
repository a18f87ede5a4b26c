using FakeNews.Cli.Arguments;
using FakeNews.Core.Classification;

namespace FakeNews.Cli;

/// <summary>
/// The one place where failures become exit codes and the stderr line (by <see cref="CliErrorKind"/>), and <see cref="ClassificationException"/> kinds become either
/// item-level error rows (the run continues) or exit codes (the command stops).
/// </summary>
internal static class ErrorMap
{
    /// <summary>The exit code for an exception that ended a command.</summary>
    public static ExitCode ToExitCode(Exception exception) => Kind(exception) switch
    {
        CliErrorKind.InvalidArguments or CliErrorKind.InputNotFound or CliErrorKind.InvalidInput => ExitCode.Usage,
        CliErrorKind.ItemsFailed => ExitCode.ItemErrors,
        CliErrorKind.InvalidModel => ExitCode.ModelLoad,
        CliErrorKind.DeviceUnavailable => ExitCode.Device,
        null when exception is OperationCanceledException => ExitCode.Cancelled,
        _ => ExitCode.Unexpected,
    };

    /// <summary>The exit code of a run that finished or was cancelled: 130 when cancelled, 3 when some items failed, else 0.</summary>
    public static ExitCode Outcome(long failedItems, bool cancelled = false) =>
        cancelled ? ExitCode.Cancelled : failedItems > 0 ? ExitCode.ItemErrors : ExitCode.Success;

    /// <summary>The kind of a failure, or null for cancellation and for failures the CLI did not expect.</summary>
    public static CliErrorKind? Kind(Exception exception) => exception switch
    {
        CliException cli => cli.Kind,
        ClassificationException { IsInputFault: true } => CliErrorKind.InvalidInput,
        ClassificationException { Kind: ErrorKind.NotReady } => CliErrorKind.InvalidModel,
        _ => null,
    };

    /// <summary>
    /// Writes the failure to <paramref name="stderr"/> as <c>fakenews: error: MESSAGE</c> (with a pointer to the
    /// verb's help for bad arguments) and returns its exit code. An unexpected failure adds a line naming the
    /// exception type, and its stack trace when <c>FAKENEWS_DEBUG=1</c>.
    /// </summary>
    public static async Task<ExitCode> ReportAsync(Exception exception, TextWriter stderr)
    {
        var code = ToExitCode(exception);
        var hint = exception is UsageException usage ? $" (see 'fakenews {(usage.Command is null ? string.Empty : usage.Command + " ")}--help')" : string.Empty;
        await stderr.WriteLineAsync($"fakenews: error: {ToMessage(exception)}{hint}").ConfigureAwait(false);
        if (code == ExitCode.Unexpected)
        {
            await stderr.WriteLineAsync($"fakenews: ({exception.GetType().FullName}; set FAKENEWS_DEBUG=1 for the stack trace)").ConfigureAwait(false);
            if (Environment.GetEnvironmentVariable("FAKENEWS_DEBUG") == "1")
            {
                await stderr.WriteLineAsync(exception.ToString()).ConfigureAwait(false);
            }
        }

        await stderr.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        return code;
    }

    /// <summary>
    /// True when a classification failure concerns only its item in <c>score</c>: the row gets the error and the run
    /// goes on. Input problems are item-level; so are overload (score sizes the queue so it cannot happen) and backend
    /// failures of one batch. NotReady means the classifier is shutting down, which ends the run.
    /// </summary>
    public static bool IsItemLevel(ClassificationException exception) => exception.Kind is
        ErrorKind.InvalidInput or ErrorKind.TooLong or ErrorKind.Overloaded or ErrorKind.BackendFailure;

    /// <summary>The <c>error</c> column for a classification failure: <c>kind: message</c>.</summary>
    public static string ToRowError(ClassificationException exception) => $"{ErrorKindNames.Name(exception.Kind)}: {exception.Message}";

    /// <summary>
    /// True when an output row's <c>error</c> is a transient failure (<c>overloaded</c>, <c>backend_failure</c>,
    /// <c>not_ready</c>): <c>score --resume</c> scores such items again instead of keeping the row.
    /// </summary>
    public static bool IsTransientRowError(string? error) =>
        error is not null && TransientKinds.Any(kind => error.StartsWith(ErrorKindNames.Name(kind) + ":", StringComparison.Ordinal));

    private static readonly ErrorKind[] TransientKinds = [ErrorKind.Overloaded, ErrorKind.BackendFailure, ErrorKind.NotReady];

    /// <summary>The one-line message for stderr.</summary>
    private static string ToMessage(Exception exception) => (exception switch
    {
        OperationCanceledException => "cancelled",
        ClassificationException c => ToRowError(c),
        _ => exception.Message,
    }).ReplaceLineEndings(" ");
}

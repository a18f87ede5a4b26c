using FakeNews.Cli.Arguments;
using FakeNews.Core.Classification;

namespace FakeNews.Cli;

/// <summary>
/// The one place where failures become exit codes, and <see cref="ClassificationException"/> kinds become either
/// item-level error rows (the run continues) or exit codes (the command stops).
/// </summary>
internal static class ErrorMap
{
    /// <summary>The exit code for an exception that ended a command.</summary>
    public static ExitCode ToExitCode(Exception exception) => exception switch
    {
        CliException cli => cli.ExitCode,
        UsageException => ExitCode.Usage,
        OperationCanceledException => ExitCode.Cancelled,
        ClassificationException { Kind: ErrorKind.InvalidInput or ErrorKind.TooLong } => ExitCode.Usage,
        ClassificationException { Kind: ErrorKind.NotReady } => ExitCode.ModelLoad,
        _ => ExitCode.Unexpected,
    };

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
    public static string ToMessage(Exception exception) => (exception switch
    {
        OperationCanceledException => "cancelled",
        ClassificationException c => ToRowError(c),
        _ => exception.Message,
    }).ReplaceLineEndings(" ");
}

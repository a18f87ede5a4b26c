using FakeNews.Cli.Arguments;
using FakeNews.Core.Classification;

namespace FakeNews.Cli.Tests;

public sealed class ErrorMapTests
{
    [Theory]
    [InlineData(CliErrorKind.InvalidArguments, ExitCode.Usage)]
    [InlineData(CliErrorKind.InputNotFound, ExitCode.Usage)]
    [InlineData(CliErrorKind.InvalidInput, ExitCode.Usage)]
    [InlineData(CliErrorKind.ItemsFailed, ExitCode.ItemErrors)]
    [InlineData(CliErrorKind.InvalidModel, ExitCode.ModelLoad)]
    [InlineData(CliErrorKind.DeviceUnavailable, ExitCode.Device)]
    [InlineData(CliErrorKind.OutputFailed, ExitCode.Unexpected)]
    [InlineData(CliErrorKind.BackendFailure, ExitCode.Unexpected)]
    internal void Each_kind_ends_with_its_documented_exit_code(CliErrorKind kind, ExitCode expected) =>
        Assert.Equal(expected, ErrorMap.ToExitCode(new CliException(kind, "failed")));

    [Fact]
    public void Every_kind_is_mapped_deliberately() =>
        Assert.Equal(8, Enum.GetValues<CliErrorKind>().Length);

    [Fact]
    public void Cancellation_classification_failures_and_bugs_have_their_own_codes()
    {
        Assert.Equal(ExitCode.Cancelled, ErrorMap.ToExitCode(new OperationCanceledException()));
        Assert.Equal(ExitCode.Usage, ErrorMap.ToExitCode(new ClassificationException(ErrorKind.TooLong, "too long")));
        Assert.Equal(ExitCode.ModelLoad, ErrorMap.ToExitCode(new ClassificationException(ErrorKind.NotReady, "not ready")));
        Assert.Equal(ExitCode.Unexpected, ErrorMap.ToExitCode(new InvalidOperationException("bug")));
    }

    [Fact]
    public async Task Usage_errors_are_one_line_pointing_at_the_verbs_help()
    {
        using var stderr = new StringWriter();
        var code = await ErrorMap.ReportAsync(new UsageException("--k is empty", "explain-bench"), stderr);
        Assert.Equal(ExitCode.Usage, code);
        Assert.Equal("fakenews: error: --k is empty (see 'fakenews explain-bench --help')" + Environment.NewLine, stderr.ToString());
    }

    [Fact]
    public async Task Unexpected_failures_name_the_exception_type_on_a_second_line()
    {
        using var stderr = new StringWriter();
        var code = await ErrorMap.ReportAsync(new CliException(CliErrorKind.OutputFailed, "cannot write --out 'x': denied"), stderr);
        Assert.Equal(ExitCode.Unexpected, code);
        var lines = stderr.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("fakenews: error: cannot write --out 'x': denied", lines[0]);
        Assert.StartsWith("fakenews: (FakeNews.Cli.CliException;", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Finished_runs_end_with_success_item_errors_or_cancelled()
    {
        Assert.Equal(ExitCode.Success, ErrorMap.Outcome(0));
        Assert.Equal(ExitCode.ItemErrors, ErrorMap.Outcome(2));
        Assert.Equal(ExitCode.Cancelled, ErrorMap.Outcome(2, cancelled: true));
    }
}

using FakeNews.Cli.Progress;
using Microsoft.Extensions.Time.Testing;

namespace FakeNews.Cli.Tests.Progress;

public sealed class ProgressReporterTests
{
    [Fact]
    public void Plain_progress_prints_a_line_at_each_tenth_and_a_summary_with_rates()
    {
        var time = new FakeTimeProvider();
        var stderr = new StringWriter();
        var progress = new ProgressReporter(stderr, interactive: false, time, total: 100);
        for (var i = 0; i < 100; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(10));
            progress.Advance(failed: i % 50 == 0, tokens: 20);
        }

        progress.Finish(skipped: 3, cancelled: false);

        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, lines.Length);
        Assert.Equal("fakenews: 10/100 (10%) 100.0 items/s ETA 00:00", lines[0]);
        Assert.Equal("fakenews: 90/100 (90%) 100.0 items/s ETA 00:00", lines[8]);
        Assert.Equal("fakenews: scored 100 items (2 errors, 3 skipped) in 1.0 s: 100.0 items/s, 2000 tokens/s", lines[9]);
    }

    [Fact]
    public void Plain_progress_also_prints_every_five_seconds_with_an_eta()
    {
        var time = new FakeTimeProvider();
        var stderr = new StringWriter();
        var progress = new ProgressReporter(stderr, interactive: false, time, total: 1000);
        for (var i = 0; i < 30; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            progress.Advance(failed: false, tokens: 1);
        }

        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        Assert.Equal("fakenews: 5/1000 (0%) 1.0 items/s ETA 16:35", lines[0]);
    }

    [Fact]
    public void Terminal_progress_redraws_one_bar_at_most_every_100_ms()
    {
        var time = new FakeTimeProvider();
        var stderr = new StringWriter();
        var progress = new ProgressReporter(stderr, interactive: true, time, total: 4);
        progress.Advance(false, 5);
        time.Advance(TimeSpan.FromMilliseconds(50));
        progress.Advance(false, 5);
        time.Advance(TimeSpan.FromMilliseconds(60));
        progress.Advance(false, 5);
        progress.Advance(false, 5);
        progress.Finish(0, cancelled: true);

        var output = stderr.ToString();
        Assert.Equal(3, output.Count(c => c == '\r'));
        Assert.Contains("\r[#######---------------------] 1/4 (25%)", output, StringComparison.Ordinal);
        Assert.Contains("\r[############################] 4/4 (100%)", output, StringComparison.Ordinal);
        Assert.EndsWith("\nfakenews: cancelled after 4 items (0 errors, 0 skipped) in 0.1 s: 36.4 items/s, 182 tokens/s\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(59, "00:59")]
    [InlineData(3600 + 61, "1:01:01")]
    public void Durations_are_minutes_and_seconds_or_hours(int seconds, string expected) =>
        Assert.Equal(expected, ProgressReporter.FormatDuration(TimeSpan.FromSeconds(seconds)));
}

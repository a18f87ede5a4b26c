namespace FakeNews.Cli.Tests.Commands;

public sealed class UsageTests
{
    [Theory]
    [InlineData("")]
    [InlineData("frobnicate")]
    [InlineData("--bogus")]
    [InlineData("predict")]
    [InlineData("predict a b")]
    [InlineData("predict text --title")]
    [InlineData("predict text --json=yes")]
    [InlineData("predict text --device tpu")]
    [InlineData("predict text --max-length abc")]
    [InlineData("predict text --max-length 2")]
    [InlineData("predict text -x")]
    [InlineData("score folder")]
    [InlineData("score --out x.jsonl")]
    [InlineData("score folder --out x.jsonl --format xml")]
    [InlineData("score folder --out x.jsonl --batch-size 0")]
    [InlineData("score folder --out x.jsonl --max-padding -1")]
    [InlineData("score folder --out a --out b")]
    [InlineData("tokenize --out x.jsonl")]
    [InlineData("tokenize --in /no/such/input.jsonl --out x.jsonl")]
    [InlineData("info extra")]
    public async Task Bad_arguments_exit_with_2_and_one_error_line(string commandLine)
    {
        var run = await CliRun.RunAsync(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(2, run.ExitCode);
        var errorLine = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("fakenews: error: ", errorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_error_names_the_bad_option_and_points_at_the_verbs_help()
    {
        var run = await CliRun.RunAsync("score", "in", "--out", "o.jsonl", "--frobs", "3");
        Assert.Equal("fakenews: error: unknown option '--frobs' for 'score' (see 'fakenews score --help')\n", run.Stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Predict_with_whitespace_only_text_from_stdin_is_a_usage_error()
    {
        var run = await CliRun.RunAsync(["predict", "-", "--model", TestPaths.TinyModel], stdin: "  \n ");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("empty", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("predict")]
    [InlineData("score")]
    [InlineData("tokenize")]
    [InlineData("info")]
    public async Task Every_verb_has_help_that_exits_0_and_lists_its_options(string verb)
    {
        var run = await CliRun.RunAsync(verb, "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith($"Usage: fakenews {verb}", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--help", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(run.Stdout, (await CliRun.RunAsync("help", verb)).Stdout);
    }

    [Fact]
    public async Task Top_level_help_lists_the_verbs_and_documents_every_exit_code()
    {
        var run = await CliRun.RunAsync("--help");
        Assert.Equal(0, run.ExitCode);
        foreach (var verb in new[] { "predict", "score", "tokenize", "info" })
        {
            Assert.Contains($"  {verb} ", run.Stdout, StringComparison.Ordinal);
        }

        foreach (var code in Enum.GetValues<ExitCode>())
        {
            Assert.Contains($"  {(int)code} ", run.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Score_help_documents_the_exit_codes_and_the_size_limit()
    {
        var run = await CliRun.RunAsync("score", "--help");
        Assert.Contains("130  cancelled", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("3    finished, but some items failed", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("2097152 bytes", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_prints_the_program_version()
    {
        var run = await CliRun.RunAsync("--version");
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^fakenews \d+\.\d+\.\d+", run.Stdout);
    }
}

using FakeNews.Cli.Arguments;

namespace FakeNews.Cli.Tests.Arguments;

public sealed class ArgumentParserTests
{
    private static readonly CommandSpec Spec = new(
        "demo",
        "A demo verb.",
        "demo ARG...",
        [OptionSpec.Value("out", "FILE", "output"), OptionSpec.Flag("json", "json"), OptionSpec.Value("mode", "M", "mode", "fast", "slow")],
        MinPositionals: 1,
        MaxPositionals: 3);

    [Fact]
    public void Options_take_separate_or_inline_values_and_flags_take_none()
    {
        var parsed = ArgumentParser.Parse(Spec, ["a", "--out", "x.jsonl", "--json", "--mode=SLOW", "b"]);
        Assert.Equal(["a", "b"], parsed.Positionals);
        Assert.Equal("x.jsonl", parsed.Value("out"));
        Assert.Equal("SLOW", parsed.Value("mode"));
        Assert.True(parsed.Has("json"));
        Assert.Null(parsed.Value("json"));
        Assert.False(parsed.Help);
    }

    [Fact]
    public void Dash_is_a_positional_and_double_dash_ends_the_options()
    {
        var parsed = ArgumentParser.Parse(Spec, ["-", "--", "--json", "-5 percent"]);
        Assert.Equal(["-", "--json", "-5 percent"], parsed.Positionals);
        Assert.False(parsed.Has("json"));
    }

    [Fact]
    public void Help_skips_the_positional_count_checks()
    {
        Assert.True(ArgumentParser.Parse(Spec, ["-h"]).Help);
        Assert.True(ArgumentParser.Parse(Spec, ["a", "b", "c", "d", "--help"]).Help);
    }

    [Theory]
    [InlineData("unknown option '--nope' for 'demo'", "a", "--nope")]
    [InlineData("option '--out' needs a value FILE", "a", "--out")]
    [InlineData("option '--out' needs a value FILE", "a", "--out", "--json")]
    [InlineData("option '--json' takes no value", "a", "--json=1")]
    [InlineData("option '--out' is given more than once", "a", "--out", "x", "--out=y")]
    [InlineData("--mode must be one of fast|slow, got 'medium'", "a", "--mode", "medium")]
    [InlineData("'demo' needs at least one argument", "--json")]
    [InlineData("unexpected argument 'd' for 'demo'", "a", "b", "c", "d")]
    public void Mistakes_are_usage_errors_that_name_the_argument(string message, params string[] args)
    {
        var error = Assert.Throws<UsageException>(() => ArgumentParser.Parse(Spec, args));
        Assert.Equal(message, error.Message);
        Assert.Equal("demo", error.Command);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public void Integer_values_are_checked_against_their_range(string value)
    {
        var spec = Spec with { Options = [OptionSpec.Value("n", "N", "a number")] };
        var parsed = ArgumentParser.Parse(spec, ["a", "--n", value]);
        var error = Assert.Throws<UsageException>(() => parsed.Int("n", min: 1, max: 100));
        Assert.Equal($"--n must be an integer from 1 to 100, got '{value}'", error.Message);
    }
}

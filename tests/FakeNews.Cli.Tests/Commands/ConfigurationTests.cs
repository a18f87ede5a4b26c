using System.Text.Json;

namespace FakeNews.Cli.Tests.Commands;

/// <summary>The <c>Classifier</c> settings (environment variables such as <c>Classifier__MaxWindows</c>) under the flags.</summary>
public sealed class ConfigurationTests
{
    private static readonly string Model = TestPaths.TinyModel;
    private static readonly string Article = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "samples", "articles", "council-budget.txt"));

    [Fact]
    public async Task A_configured_setting_applies_when_no_flag_is_given()
    {
        var run = await RunAsync(new() { ["Classifier:MaxWindows"] = "1" }, "predict", Article, "--model", Model, "--device", "cpu");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("too_long", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flag_wins_over_the_configured_setting()
    {
        var run = await RunAsync(new() { ["Classifier:MaxWindows"] = "1" }, "predict", Article, "--max-windows", "64", "--model", Model, "--device", "cpu");

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task The_configured_model_folder_is_used_without_model()
    {
        var run = await RunAsync(new() { ["Classifier:ModelDirectory"] = Model, ["Classifier:Device"] = "Cpu" }, "info", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("tiny-distilbert", json.RootElement.GetProperty("name").GetString());
        Assert.Equal("CPU", json.RootElement.GetProperty("execution_provider").GetString());
    }

    [Fact]
    public async Task An_invalid_configured_setting_is_a_usage_error_naming_its_key()
    {
        var run = await RunAsync(new() { ["Classifier:MaxWindows"] = "0" }, "info", "--model", Model, "--device", "cpu");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Classifier:MaxWindows is 0", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_configured_value_is_a_usage_error_naming_its_key()
    {
        var run = await RunAsync(new() { ["Classifier:Device"] = "gpu" }, "info", "--model", Model);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Classifier:Device", run.Stderr, StringComparison.Ordinal);
    }

    private static Task<CliRun> RunAsync(Dictionary<string, string?> configuration, params string[] args) =>
        CliRun.RunAsync(args, stdin: "", configuration: configuration);
}

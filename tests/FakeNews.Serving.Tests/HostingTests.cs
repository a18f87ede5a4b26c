using FakeNews.Core.Classification;
using FakeNews.Inference;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FakeNews.Serving.Tests;

public sealed class HostingTests
{
    [Fact]
    public async Task Loading_before_start_publishes_the_classifier_when_start_returns()
    {
        using var host = Build(ClassifierLoading.BeforeStart, ("Classifier:ModelDirectory", Fixtures.TinyDistilBert), ("Classifier:Device", "Cpu"));
        var holder = host.Services.GetRequiredService<ClassifierHolder>();
        Assert.False(holder.IsReady);
        Assert.Equal(ErrorKind.NotReady, Assert.Throws<ClassificationException>(holder.Get).Kind);

        await host.StartAsync();

        Assert.True(holder.IsReady);
        Assert.Equal("CPU", holder.Get().Model.ExecutionProvider);
        await host.StopAsync();
    }

    [Fact]
    public async Task Loading_in_the_background_publishes_the_classifier_after_start()
    {
        using var host = Build(ClassifierLoading.Background, ("Classifier:ModelDirectory", Fixtures.TinyDistilBert), ("Classifier:Device", "Cpu"));
        var holder = host.Services.GetRequiredService<ClassifierHolder>();

        await host.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!holder.IsReady && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(holder.IsReady);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_background_load_failure_stops_the_host_with_exit_code_1()
    {
        // The folder exists, so start-up validation passes; loading it fails.
        using var host = Build(ClassifierLoading.Background, ("Classifier:ModelDirectory", Fixtures.TempDirectory()));
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        try
        {
            await host.StartAsync();

            Assert.True(lifetime.ApplicationStopping.WaitHandle.WaitOne(TimeSpan.FromSeconds(30)));
            Assert.Equal(1, Environment.ExitCode);
            Assert.False(host.Services.GetRequiredService<ClassifierHolder>().IsReady);
        }
        finally
        {
            Environment.ExitCode = 0;
        }
    }

    [Theory]
    [InlineData("Classifier:MaxBatchSize", "0", "Classifier:MaxBatchSize is 0; it must be between 1 and 4096.")]
    [InlineData("Classifier:QueueCapacity", "10", "Classifier:QueueCapacity is 10; it must be between MaxWindows (64) and 10000000.")]
    [InlineData("Classifier:ModelDirectory", "/no/such/model", "Classifier:ModelDirectory '/no/such/model' does not exist; set it (or FAKENEWS_MODEL)")]
    [InlineData("Legacy:MaxWindows", "0", "Legacy:MaxWindows is 0; it must be between 1 and 100000.")]
    public async Task Bad_settings_stop_the_start_naming_the_key_as_configured(string key, string value, string message)
    {
        using var host = Build(ClassifierLoading.BeforeStart, ("Classifier:ModelDirectory", Fixtures.TinyDistilBert), (key, value));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.False(host.Services.GetRequiredService<ClassifierHolder>().IsReady);
    }

    [Fact]
    public void Every_classifier_setting_binds_from_the_section_and_an_alias_section_wins()
    {
        using var host = Build(
            ClassifierLoading.BeforeStart,
            ("Classifier:ModelDirectory", Fixtures.TinyDistilBert),
            ("Classifier:Precision", "Int8"),
            ("Classifier:WindowStride", "32"),
            ("Classifier:MaxBatchSize", "16"),
            ("Legacy:MaxBatchSize", "8"));

        var options = host.Services.GetRequiredService<IOptionsMonitor<ClassifierOptions>>().CurrentValue;

        Assert.Equal((Fixtures.TinyDistilBert, ModelPrecision.Int8, 32, 8), (options.ModelDirectory, options.Precision, options.WindowStride, options.MaxBatchSize));
    }

    [Fact]
    public void A_key_is_named_in_the_last_section_that_sets_it()
    {
        var setup = new ServingSetup(ClassifierLoading.BeforeStart, ["Worker"]);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Worker:MaxWindows"] = "2" }).Build();

        Assert.Equal("Worker:MaxWindows", setup.KeyFor(configuration, "MaxWindows"));
        Assert.Equal("Classifier:MaxBatchSize", setup.KeyFor(configuration, "MaxBatchSize"));
    }

    [Fact]
    public void Without_a_container_the_section_binds_the_same_settings_and_absent_ones_keep_their_defaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Classifier:Device"] = "Cpu",
            ["Classifier:MaxWindows"] = "3",
        }).Build();

        var options = ServingSetup.BindClassifierOptions(configuration);

        Assert.Equal(new ClassifierOptions() with { Device = ExecutionDevice.Cpu, MaxWindows = 3 }, options);
        Assert.Equal(new ClassifierOptions(), ServingSetup.BindClassifierOptions(new ConfigurationBuilder().Build()));
    }

    private static IHost Build(ClassifierLoading loading, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Production" });
        var values = new Dictionary<string, string?>();
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(values);
        builder.Services.AddServedClassifier(loading, "Legacy");
        return builder.Build();
    }
}

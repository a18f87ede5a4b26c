using FakeNews.Inference;
using FakeNews.Messaging.RabbitMQ;
using FakeNews.Testing.Broker;

namespace FakeNews.Worker.Tests;

public sealed class StartupTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("--RabbitMQ:Uri=http://localhost/", "RabbitMQ:Uri is 'http://localhost/'; it must be an absolute amqp:// or amqps:// URI")]
    [InlineData("--RabbitMQ:MaxRedeliveries=50", "RabbitMQ:MaxRedeliveries is '50'; it must be between 0 and 20")]
    [InlineData("--Classifier:MaxBatchSize=0", "Classifier:MaxBatchSize is 0; it must be between 1 and 4096")]
    [InlineData("--Worker:MaxBatchSize=0", "Worker:MaxBatchSize is 0; it must be between 1 and 4096")]
    [InlineData("--Classifier:Precision=Int4", "Classifier:Precision")]
    [InlineData("--Worker:HealthPort=70000", "Worker:HealthPort is 70000")]
    [InlineData("--RabbitMQ:Prefetch=1000", "RabbitMQ:Prefetch is 1000 and Classifier:MaxWindows is 64")]
    [InlineData("--RabbitMQ:Uri=amqp://user:hunter2@broker:port/", "RabbitMQ:Uri is 'amqp://user:***@broker:port/'")]
    public async Task Invalid_setting_stops_the_worker_at_start_with_a_message_naming_it(string setting, string message)
    {
        await using var worker = WorkerProcess.Start("invalid", [$"--Classifier:ModelDirectory={Paths.TinyModel}", "--Worker:HealthPort=-1", setting], output);

        var code = await worker.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.NotNull(code);
        Assert.NotEqual(0, code);
        Assert.Contains(message, worker.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_model_folder_stops_the_worker_with_a_message_naming_the_key_as_given()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-model-" + Guid.NewGuid().ToString("N"));
        await using var worker = WorkerProcess.Start("no-model", [$"--Worker:ModelDirectory={missing}", "--Worker:HealthPort=-1"], output);

        var code = await worker.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.NotEqual(0, code);
        Assert.Contains($"Worker:ModelDirectory '{missing}' does not exist", worker.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_broker_is_retried_with_backoff_instead_of_crashing_and_sigterm_still_stops_the_worker()
    {
        await using var worker = WorkerProcess.Start("no-broker",
        [
            "--RabbitMQ:Uri=amqp://guest:guest@127.0.0.1:1/", "--RabbitMQ:ConnectRetryInitial=00:00:00.200", "--RabbitMQ:ConnectRetryMax=00:00:00.400",
            $"--Classifier:ModelDirectory={Paths.TinyModel}", "--Classifier:Device=Cpu", "--Worker:HealthPort=-1",
        ], output);

        Assert.True(await worker.WaitForLogAsync("(attempt 3); retrying", TimeSpan.FromSeconds(30)), "no third connection attempt was logged");
        Assert.False(worker.HasExited);
        worker.Terminate();
        Assert.Equal(0, await worker.WaitForExitAsync(TimeSpan.FromSeconds(15)));
    }

    [BrokerFact]
    public async Task Refused_login_stops_the_worker_with_a_failure_exit_code_instead_of_retrying()
    {
        var uri = new UriBuilder(TestBroker.Uri) { UserName = "nobody", Password = "wrong" }.Uri.ToString();
        await using var worker = WorkerProcess.Start("bad-login",
            [$"--RabbitMQ:Uri={uri}", $"--Classifier:ModelDirectory={Paths.TinyModel}", "--Classifier:Device=Cpu", "--Worker:HealthPort=-1"], output);

        var code = await worker.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.NotNull(code);
        Assert.NotEqual(0, code);
        Assert.Contains("The worker cannot consume: ACCESS_REFUSED", worker.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("retrying", worker.Log, StringComparison.Ordinal);
    }

    [Fact]
    public void Prefetch_times_max_windows_over_the_batcher_queue_is_refused_at_start_naming_the_settings()
    {
        var classifier = new ClassifierOptions { MaxWindows = 64, QueueCapacity = 1000 };
        var rabbit = new RabbitMqOptions { Prefetch = 100 };

        var problem = Assert.Single(QueueFitValidator.Fit(classifier, rabbit));

        Assert.Contains("RabbitMQ:Prefetch", problem, StringComparison.Ordinal);
        Assert.Contains("Classifier:QueueCapacity", problem, StringComparison.Ordinal);

        // The worker's appsettings.json: batches of 32, so a default prefetch of 128, and room for 8192 windows.
        Assert.Empty(QueueFitValidator.Fit(new ClassifierOptions { MaxBatchSize = 32, QueueCapacity = 8192 }, new RabbitMqOptions()));
    }
}

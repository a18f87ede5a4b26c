using FakeNews.Api.Hosting;
using FakeNews.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FakeNews.Benchmarks.Load;

/// <summary>The real API (Program.cs's wiring, through the same two calls) on Kestrel at 127.0.0.1 with a free port, in this process.</summary>
internal sealed class ApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiServer(WebApplication app, HttpClient client, string modelId, string provider)
    {
        _app = app;
        Client = client;
        ModelId = modelId;
        Provider = provider;
    }

    public HttpClient Client { get; }

    public Uri BaseAddress => Client.BaseAddress!;

    public string ModelId { get; }

    public string Provider { get; }

    public ClassifierHolder Holder => _app.Services.GetRequiredService<ClassifierHolder>();

    public static async Task<ApiServer> StartAsync(LoadTestOptions options, int maxBatchSize)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            ContentRootPath = AppContext.BaseDirectory,
            Args =
            [
                "--Urls=http://127.0.0.1:0",
                $"--Classifier:ModelDirectory={options.ModelDirectory}",
                $"--Classifier:Device={options.Device}",
                $"--Classifier:MaxBatchSize={maxBatchSize}",
                $"--Classifier:IntraOpThreads={options.IntraOpThreads}",
                "--Api:MaxBatchItems=64",
                // One client sends every request: the per-address limit would measure itself, not the batcher.
                "--Api:RateLimit:PermitLimit=0",
                // Queueing at the highest concurrency is part of what is measured; the client waits up to 60 s too.
                "--RequestLimits:RequestTimeout=00:01:00",
                "--Logging:LogLevel:Default=Warning",
                "--Logging:LogLevel:FakeNews=Warning",
                "--Logging:LogLevel:FakeNews.Core.Batching=Warning",
            ],
        });
        builder.AddFakeNewsApiHost();
        var app = builder.Build();
        app.UseFakeNewsApiHost();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        var client = new HttpClient(handler) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
        await FakeNews.Testing.Readiness.WaitAsync(client, TimeSpan.FromMinutes(3), TimeSpan.FromMilliseconds(100));

        var model = app.Services.GetRequiredService<ClassifierHolder>().Get().Model;
        return new ApiServer(app, client, model.Id, model.ExecutionProvider);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

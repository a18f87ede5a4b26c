using System.Net.Http.Json;
using FakeNews.Api.Hosting;
using FakeNews.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FakeNews.Api.Tests;

/// <summary>
/// Hosts the real API in the test server with the tiny fixture model (random weights: verdicts are meaningless but
/// deterministic). Settings are passed as configuration, exactly as a user would set them.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _loadModel;

    public ApiFactory()
        : this(null)
    {
    }

    internal ApiFactory(IReadOnlyDictionary<string, string?>? settings, bool loadModel = true)
    {
        _settings = new Dictionary<string, string?>
        {
            ["Classifier:ModelDirectory"] = Repo.TinyDistilBert,
            ["Classifier:Device"] = "Cpu",
            ["Classifier:IntraOpThreads"] = "1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        _loadModel = loadModel;
    }

    public ClassifierHolder Holder => Services.GetRequiredService<ClassifierHolder>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (!_loadModel)
        {
            // Leaves the API up with no model: the state between start and the end of warm-up, held open.
            builder.ConfigureServices(services =>
                services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(ClassifierLoader))));
        }
    }

    /// <summary>A client once <c>/readyz</c> answers 200 (the model is loaded and warmed up).</summary>
    public async Task<HttpClient> CreateReadyClientAsync()
    {
        var client = CreateClient();
        await FakeNews.Testing.Readiness.WaitAsync(client, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(20));
        return client;
    }
}

/// <summary>The real start-up path (Host.StartAsync runs the ValidateOnStart validators), without the test server.</summary>
internal static class StartUp
{
    /// <summary>
    /// Builds and starts the whole API as Program.cs wires it, on a free loopback port with the tiny model and
    /// <paramref name="key"/> set to <paramref name="value"/>; returns what building or starting threw, or null.
    /// </summary>
    public static async Task<Exception?> FailureWithAsync(string key, string value)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            Args = ["--Urls=http://127.0.0.1:0", $"--Classifier:ModelDirectory={Repo.TinyDistilBert}", $"--{key}={value}"],
        });
        builder.AddFakeNewsApiHost();
        return await Record.ExceptionAsync(async () =>
        {
            // Kestrel reads its limits while the host starts (or, with the test server's options, while it is built).
            await using var app = builder.Build();
            app.UseFakeNewsApiHost();
            await app.StartAsync();
            await app.StopAsync();
        });
    }
}

/// <summary>Paths in the repository.</summary>
internal static class Repo
{
    public static string Root { get; } = FakeNews.Testing.RepositoryRoot.Find();

    public static string TinyDistilBert => Path.Combine(Root, "tests", "fixtures", "tiny-distilbert");

    public static string TestResults => Path.Combine(Root, "tests", "FakeNews.Api.Tests", "TestResults");
}

/// <summary>JSON helpers for the API's snake_case payloads.</summary>
internal static class Json
{
    public static async Task<System.Text.Json.JsonElement> ReadAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
}

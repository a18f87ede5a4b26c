using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FakeNews.Extension.Tests;

/// <summary>Runs only where Debian's Chromium is installed (CI: <c>apt-get install -y chromium</c>); never downloads a browser.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ChromiumPath))
        {
            Skip = $"Chromium is not installed at {ChromiumPath}; install it with 'apt-get install -y chromium' to run the extension test.";
        }
    }
}

/// <summary>Paths in the repository.</summary>
internal static class Repo
{
    public static string Root { get; } = FakeNews.Testing.RepositoryRoot.Find();

    public static string Extension => Path.Combine(Root, "src", "FakeNews.Extension");

    public static string DefaultModel => Path.Combine(Root, "models", "minilm-news-v2");

    /// <summary>Random weights: for hosts whose verdicts a test does not read.</summary>
    public static string TinyModel => Path.Combine(Root, "tests", "fixtures", "tiny-distilbert");

    /// <summary>The test pages, shared with the CLI's tests (tests/fixtures/pages).</summary>
    public static string Pages => Path.Combine(Root, "tests", "fixtures", "pages");

    public static string TestResults => Path.Combine(Root, "tests", "FakeNews.Extension.Tests", "TestResults");
}

/// <summary>
/// The real API (Program.cs, the default model, CPU) on Kestrel at 127.0.0.1 with a free port, configured as a user
/// would for the extension: API keys and the extension's origin in <c>Api:Cors:Origins</c>.
/// </summary>
internal sealed class ApiHost : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public ApiHost(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        UseKestrel();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Urls", "http://127.0.0.1:0");
        builder.UseSetting("Classifier:ModelDirectory", Repo.DefaultModel);
        builder.UseSetting("Classifier:Device", "Cpu");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Starts Kestrel and returns a client (without a key) once <c>/readyz</c> answers 200.</summary>
    public async Task<HttpClient> StartReadyAsync()
    {
        StartServer();
        var client = CreateClient();
        await FakeNews.Testing.Readiness.WaitAsync(client, TimeSpan.FromMinutes(3), TimeSpan.FromMilliseconds(50));
        return client;
    }
}

/// <summary>Serves the test pages (Fixtures/, and the HTML samples in samples/articles/) from a second Kestrel at 127.0.0.1 with a free port.</summary>
internal sealed class PageServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PageServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static async Task<PageServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.MapGet("/{name}.html", (string name) =>
        {
            var path = PagePath(name + ".html");
            return path is null ? Results.NotFound() : Results.File(path, "text/html; charset=utf-8");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new PageServer(app, new Uri(address).Port);
    }

    /// <summary>A page in tests/fixtures/pages/, else in samples/articles/; null when neither has it.</summary>
    public static string? PagePath(string fileName) =>
        new[] { Repo.Pages, Path.Combine(Repo.Root, "samples", "articles") }
            .Select(folder => Path.Combine(folder, fileName))
            .FirstOrDefault(path => Path.GetFileName(path) == fileName && File.Exists(path));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>
/// The title and text the CLI's HTML reader extracts from a test page, as approved in
/// tests/fixtures/pages/page-text.json (tests/FakeNews.Cli.Tests' PageTextTests keeps that file equal to the reader's output).
/// </summary>
internal static class PageText
{
    private static readonly Lazy<JsonObject> ApprovedFile = new(() => JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(Repo.Pages, "page-text.json")))!.AsObject());

    public static (string? Title, string Text) Approved(string fileName)
    {
        var page = ApprovedFile.Value[fileName] ?? throw new KeyNotFoundException($"{fileName} is not in tests/fixtures/pages/page-text.json");
        return (page["title"]?.GetValue<string>(), page["text"]!.GetValue<string>());
    }
}

/// <summary>A copy of the unpacked extension for the browser under test.</summary>
internal static class ExtensionCopy
{
    /// <summary>
    /// Copies src/FakeNews.Extension to <paramref name="target"/>, adding a host permission for
    /// <paramref name="pageHost"/> only: in a user's browser the toolbar click grants activeTab on the clicked tab,
    /// a grant a test cannot click for. The API's host gets no permission, so the extension's API calls stay
    /// cross-origin and go through the API's CORS policy exactly as for a user.
    /// </summary>
    public static string Create(string target, string pageHost)
    {
        foreach (var file in Directory.EnumerateFiles(Repo.Extension, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(Repo.Extension, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        var manifestPath = Path.Combine(target, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        manifest["host_permissions"] = new JsonArray($"http://{pageHost}/*");
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        return target;
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using FakeNews.Api.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FakeNews.Api.Tests.Hostile;

/// <summary>Host filtering, security headers, server limits and the request time limit, as a user configures them.</summary>
public sealed class HardeningTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/app.js")]
    [InlineData("/healthz")]
    [InlineData("/v1/classify")]
    public async Task Every_response_carries_the_security_headers_error_responses_included(string path)
    {
        var client = await factory.CreateReadyClientAsync();

        using var response = path.StartsWith("/v1", StringComparison.Ordinal)
            ? await client.PostAsync(path, new StringContent("not json", System.Text.Encoding.UTF8, "application/json"))
            : await client.GetAsync(path);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Theory]
    [InlineData("attacker.example")]
    [InlineData("attacker.example:5080")]
    [InlineData("192.168.1.10")]
    public async Task Request_for_a_host_name_other_than_loopback_is_refused(string host)
    {
        var client = await factory.CreateReadyClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Host = host;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1:5080")]
    [InlineData("[::1]:5080")]
    public async Task Request_for_a_loopback_name_is_served(string host)
    {
        var client = await factory.CreateReadyClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Host = host;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"text\": \"Says \\ud800 it grew.\"}")]
    [InlineData("{\"text\": \"ok\", \"title\": \"\\udc00\"}")]
    public async Task Escaped_lone_surrogate_is_400_problem_not_a_crash(string json)
    {
        var client = await factory.CreateReadyClientAsync();

        using var response = await client.PostAsync("/v1/classify", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Invalid_utf8_body_is_400_problem()
    {
        var client = await factory.CreateReadyClientAsync();
        var body = new ByteArrayContent([.. "{\"text\": \"caf"u8, 0xE9, .. "\"}"u8]);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync("/v1/classify", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Request_over_the_time_limit_is_503_problem_with_retry_after_naming_the_setting()
    {
        using var slow = new ApiFactory(new Dictionary<string, string?> { ["RequestLimits:RequestTimeout"] = "00:00:00.001" });
        var client = await slow.CreateReadyClientAsync();
        var article = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "samples", "articles", "moon-base-leak.txt"));

        using var response = await client.PostAsJsonAsync("/v1/classify", new { text = article, explain = true });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("RequestLimits:RequestTimeout", (await Json.ReadAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Kestrel_limits_follow_the_settings()
    {
        using var configured = new ApiFactory(new Dictionary<string, string?>
        {
            ["Api:MaxRequestBodyBytes"] = "4096", ["RequestLimits:RequestHeadersTimeout"] = "00:00:05", ["RequestLimits:MaxConcurrentConnections"] = "7",
        });

        var limits = configured.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Equal(4096, limits.MaxRequestBodySize);
        Assert.Equal(TimeSpan.FromSeconds(5), limits.RequestHeadersTimeout);
        Assert.Equal(7, limits.MaxConcurrentConnections);
        Assert.Equal(new RequestLimitOptions().MaxRequestHeaderCount, limits.MaxRequestHeaderCount);
    }

    [Theory]
    [InlineData("RequestLimits:RequestTimeout", "00:00:00")]
    [InlineData("RequestLimits:MaxRequestHeaderCount", "1")]
    public async Task Bad_limit_stops_start_up_with_a_message_naming_it(string key, string value)
    {
        var error = Assert.IsType<OptionsValidationException>(await StartUp.FailureWithAsync(key, value));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task Page_runs_under_its_content_security_policy_with_no_violation()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var kestrel = new ApiFactory(new Dictionary<string, string?> { ["Urls"] = "http://127.0.0.1:0" });
        kestrel.UseKestrel();
        kestrel.StartServer();
        using var api = await kestrel.CreateReadyClientAsync();
        var baseUrl = api.BaseAddress!.GetLeftPart(UriPartial.Authority);
        var article = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "samples", "articles", "moon-base-leak.txt"));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumFactAttribute.ChromiumPath, Headless = true, Args = ["--no-sandbox", "--no-first-run"] });
        var page = await browser.NewPageAsync();
        var console = new ConcurrentBag<string>();
        page.Console += (_, message) => console.Add(message.Text);
        var response = await page.GotoAsync(baseUrl + "/");
        Assert.Contains("frame-ancestors 'none'", await response!.HeaderValueAsync("content-security-policy"), StringComparison.Ordinal);
        await page.GetByLabel("Claim or article").FillAsync(article);
        await page.GetByRole(AriaRole.Button, new() { Name = "Classify" }).ClickAsync();
        await Expect(page.Locator("#window-rows tr").First).ToBeVisibleAsync();

        var width = await page.Locator("#window-rows .mini-fill").First.EvaluateAsync<string>("e => e.style.width");
        Assert.EndsWith("%", width, StringComparison.Ordinal);
        Assert.DoesNotContain(console, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }
}

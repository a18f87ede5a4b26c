using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FakeNews.Api.Tests;

/// <summary>API keys, CORS and rate limits, through the real app's pipeline (Program.cs) and configuration.</summary>
public sealed class ApiAccessTests
{
    private const string Key = "test-key-0123456789abcdef";
    private const string OtherKey = "test-key-fedcba9876543210";
    private const string Extension = "chrome-extension://abcdefghijklmnopabcdefghijklmnop";

    private static readonly Dictionary<string, string?> WithKeys = new()
    {
        ["Api:Keys:0"] = Key,
        ["Api:Keys:1"] = OtherKey,
        ["Api:Cors:Origins:0"] = Extension,
    };

    [Fact]
    public async Task With_keys_the_OpenAPI_document_names_both_key_schemes_and_the_401_on_every_route_that_needs_one()
    {
        using var factory = new ApiFactory(WithKeys);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);

        var document = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/openapi/v1.json");

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("ApiKey").GetProperty("name").GetString());
        var classify = document.GetProperty("paths").GetProperty("/v1/classify").GetProperty("post");
        var alternatives = classify.GetProperty("security").EnumerateArray().Select(r => r.EnumerateObject().Single().Name).ToArray();
        Assert.Equal(["Bearer", "ApiKey"], alternatives);
        Assert.True(classify.GetProperty("responses").TryGetProperty("401", out _));
        Assert.True(classify.GetProperty("responses").TryGetProperty("429", out _));
        var health = document.GetProperty("paths").GetProperty("/healthz").GetProperty("get");
        Assert.False(health.TryGetProperty("security", out _));
        Assert.False(health.GetProperty("responses").TryGetProperty("401", out _));
    }

    [Fact]
    public async Task Without_keys_the_OpenAPI_document_declares_no_key_scheme()
    {
        using var factory = new ApiFactory();
        var client = factory.CreateClient();

        var document = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/openapi/v1.json");

        Assert.False(document.GetProperty("components").TryGetProperty("securitySchemes", out _));
        var classify = document.GetProperty("paths").GetProperty("/v1/classify").GetProperty("post");
        Assert.False(classify.TryGetProperty("security", out _));
    }

    [Fact]
    public async Task With_keys_a_request_without_a_key_gets_401_problem_details()
    {
        using var factory = new ApiFactory(WithKeys);
        var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/v1/classify", new { text = "Says the economy grew." });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        var problem = await Json.ReadAsync(response);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Equal("An API key is required", problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("Authorization", "Bearer not-a-configured-key-at-all")]
    [InlineData("X-Api-Key", "not-a-configured-key-at-all")]
    [InlineData("Authorization", "Basic " + Key)]
    [InlineData("X-Api-Key", Key + "x")]
    public async Task With_keys_a_wrong_key_gets_401(string header, string value)
    {
        using var factory = new ApiFactory(WithKeys);
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/classify") { Content = JsonContent.Create(new { text = "Says the economy grew." }) };
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("Authorization", "Bearer " + Key)]
    [InlineData("Authorization", "bearer " + OtherKey)]
    [InlineData("X-Api-Key", Key)]
    public async Task With_keys_the_right_key_gets_200(string header, string value)
    {
        using var factory = new ApiFactory(WithKeys);
        var client = await factory.CreateReadyClientAsync();
        client.DefaultRequestHeaders.TryAddWithoutValidation(header, value);

        using var classified = await client.PostAsJsonAsync("/v1/classify", new { text = "Says the economy grew." });
        using var model = await client.GetAsync("/v1/model");
        using var openApi = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, classified.StatusCode);
        Assert.Equal(HttpStatusCode.OK, model.StatusCode);
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/app.js")]
    [InlineData("/site.css")]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task With_keys_the_page_and_the_health_probes_need_no_key(string path)
    {
        using var factory = new ApiFactory(WithKeys);
        var client = await factory.CreateReadyClientAsync();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/v1/model")]
    [InlineData("/metrics")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/no/such/route")]
    public async Task With_keys_every_other_route_needs_a_key(string path)
    {
        using var factory = new ApiFactory(WithKeys);
        var client = await factory.CreateReadyClientAsync();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_can_be_kept_apart_from_the_keys()
    {
        using var factory = new ApiFactory(new Dictionary<string, string?>(WithKeys) { ["Api:MetricsWithoutKey"] = "true" });
        var client = await factory.CreateReadyClientAsync();

        using var metrics = await client.GetAsync("/metrics");
        using var model = await client.GetAsync("/v1/model");

        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, model.StatusCode);
    }

    [Fact]
    public async Task Without_keys_every_route_is_open()
    {
        using var factory = new ApiFactory();
        var client = await factory.CreateReadyClientAsync();

        using var classified = await client.PostAsJsonAsync("/v1/classify", new { text = "Says the economy grew." });
        using var metrics = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, classified.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
    }

    [Fact]
    public async Task Preflight_from_the_allowed_origin_gets_the_cors_headers()
    {
        using var factory = new ApiFactory(WithKeys);
        var client = factory.CreateClient();

        using var response = await client.SendAsync(Preflight(Extension));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Extension, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Header(response, "Access-Control-Allow-Methods"));
        var allowed = Header(response, "Access-Control-Allow-Headers")!.ToUpperInvariant();
        Assert.Contains("AUTHORIZATION", allowed);
        Assert.Contains("CONTENT-TYPE", allowed);
        Assert.Equal("600", Header(response, "Access-Control-Max-Age"));
    }

    [Fact]
    public async Task Preflight_from_another_origin_gets_no_cors_headers()
    {
        using var factory = new ApiFactory(WithKeys);
        var client = factory.CreateClient();

        using var response = await client.SendAsync(Preflight("chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba"));

        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
        Assert.Null(Header(response, "Access-Control-Allow-Headers"));
    }

    [Fact]
    public async Task Without_configured_origins_a_preflight_gets_no_cors_headers()
    {
        using var factory = new ApiFactory();
        var client = factory.CreateClient();

        using var response = await client.SendAsync(Preflight(Extension));

        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_refusal_to_the_allowed_origin_carries_the_cors_headers_so_the_caller_can_read_it()
    {
        using var factory = new ApiFactory(WithKeys);
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/classify") { Content = JsonContent.Create(new { text = "x" }) };
        request.Headers.Add("Origin", Extension);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(Extension, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("Retry-After", Header(response, "Access-Control-Expose-Headers"));
    }

    [Fact]
    public async Task Over_the_limit_a_key_gets_429_with_retry_after_and_other_keys_are_not_affected()
    {
        using var factory = new ApiFactory(new Dictionary<string, string?>(WithKeys)
        {
            ["Api:RateLimit:PermitLimit"] = "2",
            ["Api:RateLimit:Window"] = "01:00:00",
        });
        var client = await factory.CreateReadyClientAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await SendAsync(client, HttpMethod.Get, "/v1/model", Key);
            statuses.Add(allowed.StatusCode);
        }

        using var limited = await SendAsync(client, HttpMethod.Get, "/v1/model", Key);
        using var other = await SendAsync(client, HttpMethod.Get, "/v1/model", OtherKey);
        using var health = await client.GetAsync("/healthz");

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = int.Parse(limited.Headers.RetryAfter!.ToString(), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 3600);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Api:RateLimit", (await Json.ReadAsync(limited)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Without_keys_the_limit_applies_per_address()
    {
        using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["Api:RateLimit:PermitLimit"] = "1",
            ["Api:RateLimit:Window"] = "01:00:00",
        });
        var client = await factory.CreateReadyClientAsync();

        using var first = await client.PostAsJsonAsync("/v1/classify", new { text = "Says the economy grew." });
        using var second = await client.PostAsJsonAsync("/v1/classify", new { text = "Says the economy grew." });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.NotNull(second.Headers.RetryAfter);
    }

    [Fact]
    public async Task Keys_never_appear_in_the_logs()
    {
        var logs = new ConcurrentQueue<string>();
        using var factory = new ApiFactory(new Dictionary<string, string?>(WithKeys) { ["Logging:LogLevel:Default"] = "Trace" });
        using var logged = factory.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(new ListLoggerProvider(logs))));
        var client = logged.CreateClient();
        await FakeNews.Testing.Readiness.WaitAsync(client, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(20));

        using var right = await SendAsync(client, HttpMethod.Get, "/v1/model", Key);
        using var wrong = await SendAsync(client, HttpMethod.Get, "/v1/model", "a-wrong-key-that-must-not-be-logged");

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains(logs, line => line.Contains("unknown API key", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains(Key, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains("a-wrong-key-that-must-not-be-logged", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Api:Keys:0", "short", "Api:Keys:0")]
    [InlineData("Api:Keys:0", "a key with spaces in it", "Api:Keys:0")]
    [InlineData("Api:Cors:Origins:0", "chrome-extension://abc/", "Api:Cors:Origins:0")]
    [InlineData("Api:Cors:Origins:0", "*", "Api:Cors:Origins:0")]
    [InlineData("Api:RateLimit:PermitLimit", "-1", "Api:RateLimit:PermitLimit")]
    [InlineData("Api:RateLimit:Window", "00:00:00", "Api:RateLimit:Window")]
    public async Task Bad_access_setting_stops_start_up_with_a_message_naming_it_and_never_the_key(string key, string value, string named)
    {
        var error = await StartUp.FailureWithAsync(key, value);

        Assert.IsType<OptionsValidationException>(error);
        Assert.Contains(named, error.Message);
        if (key.StartsWith("Api:Keys", StringComparison.Ordinal))
        {
            Assert.DoesNotContain(value, error.Message);
        }
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? key)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client.SendAsync(request);
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/v1/classify");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return request;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    private sealed class ListLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class ListLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            lines.Enqueue($"{category}: {formatter(state, exception)} {structured} {exception}");
        }
    }
}

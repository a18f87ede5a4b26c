using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FakeNews.Api.Tests;

public sealed class ServiceEndpointTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Healthz_answers_alive()
    {
        var client = factory.CreateClient();

        var body = await client.GetFromJsonAsync<JsonElement>("/healthz");

        Assert.Equal("alive", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readyz_names_the_model_once_it_is_warmed_up()
    {
        var client = await factory.CreateReadyClientAsync();

        var body = await client.GetFromJsonAsync<JsonElement>("/readyz");

        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.Equal("tiny-distilbert@1.0.0", body.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Model_describes_name_version_labels_length_provider_and_limits()
    {
        var client = await factory.CreateReadyClientAsync();

        var body = await client.GetFromJsonAsync<JsonElement>("/v1/model");

        Assert.Equal("tiny-distilbert", body.GetProperty("name").GetString());
        Assert.Equal("1.0.0", body.GetProperty("version").GetString());
        Assert.Equal(["real", "fake"], body.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(128, body.GetProperty("max_length").GetInt32());
        Assert.Equal("CPU", body.GetProperty("execution_provider").GetString());
        Assert.Equal(0.5, body.GetProperty("threshold").GetDouble());
        Assert.Equal(64, body.GetProperty("max_batch_items").GetInt32());
        Assert.False(body.TryGetProperty("metrics", out _), "the tiny fixture has no model card metrics");
        Assert.False(body.TryGetProperty("kinds", out _), "the tiny fixture is calibrated once, not per kind");
    }

    [Fact]
    public async Task Model_lists_each_kind_s_calibration_and_threshold_for_a_model_calibrated_per_kind()
    {
        using var model = new KindCalibratedModel();
        using var calibrated = new ApiFactory(new Dictionary<string, string?> { ["Classifier:ModelDirectory"] = model.Directory });
        var client = await calibrated.CreateReadyClientAsync();

        var kinds = (await client.GetFromJsonAsync<JsonElement>("/v1/model")).GetProperty("kinds");

        Assert.Equal(KindCalibratedModel.Thresholds.Keys.Order(), kinds.EnumerateObject().Select(k => k.Name).Order());
        foreach (var (kind, threshold) in KindCalibratedModel.Thresholds)
        {
            Assert.Equal(threshold, kinds.GetProperty(kind).GetProperty("threshold").GetDouble(), 6);
            Assert.Equal(1.0, kinds.GetProperty(kind).GetProperty("temperature").GetDouble());
            Assert.Equal(0.0, kinds.GetProperty(kind).GetProperty("bias").GetDouble());
        }
    }

    [Fact]
    public async Task Model_reports_the_model_cards_headline_metrics()
    {
        var folder = Directory.CreateTempSubdirectory("fakenews-api-model-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(Repo.TinyDistilBert))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }

            var config = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "config.json")))!;
            config["valid_metrics"] = JsonNode.Parse("""{"bare": {"accuracy": 0.61, "roc_auc": 0.66}}""");
            await File.WriteAllTextAsync(Path.Combine(folder, "config.json"), config.ToJsonString());
            using var withCard = new ApiFactory(new Dictionary<string, string?> { ["Classifier:ModelDirectory"] = folder });
            var client = await withCard.CreateReadyClientAsync();

            var body = await client.GetFromJsonAsync<JsonElement>("/v1/model");

            Assert.Equal(0.66, body.GetProperty("metrics").GetProperty("bare").GetProperty("roc_auc").GetDouble());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Metrics_expose_requests_by_route_and_status_batch_sizes_queue_depth_and_predictions()
    {
        var client = await factory.CreateReadyClientAsync();
        using (await client.PostAsJsonAsync("/v1/classify", new { text = "A claim to count." }))
        using (await client.PostAsJsonAsync("/v1/classify", new { text = " " }))
        {
        }

        string[] expected =
        [
            "http_server_request_duration_seconds_count\\{[^}]*http_response_status_code=\"200\"[^}]*http_route=\"/v1/classify\"[^}]*\\} [1-9]",
            "http_server_request_duration_seconds_bucket\\{[^}]*http_response_status_code=\"422\"[^}]*http_route=\"/v1/classify\"",
            "fakenews_batch_size_count\\{[^}]*\\} [1-9]",
            "fakenews_batch_size_bucket\\{[^}]*le=\"1\"\\}",
            "fakenews_queue_depth\\{[^}]*\\} 0",
            "fakenews_predictions_total\\{[^}]*label=\"(real|fake)\"\\} [1-9]",
        ];

        // The exporter serves a scrape cached for a few hundred milliseconds, and observable instruments are read
        // at scrape time: poll until a fresh scrape holds every series (or the deadline passes, then assert).
        var text = "";
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            text = await client.GetStringAsync("/metrics");
            if (expected.All(pattern => Regex.IsMatch(text, pattern)))
            {
                break;
            }
        }

        Assert.All(expected, pattern => Assert.Matches(pattern, text));
    }

    [Fact]
    public async Task OpenApi_document_describes_every_route_with_snake_case_schemas()
    {
        var client = await factory.CreateReadyClientAsync();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "/", "/v1/classify", "/v1/classify/batch", "/v1/model", "/healthz", "/readyz", "/metrics" }, paths);
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("ClassifyRequest").GetProperty("properties").TryGetProperty("text", out _));
        Assert.True(schemas.GetProperty("ClassifyResponse").GetProperty("properties").TryGetProperty("p_fake", out _));
        var classify = document.GetProperty("paths").GetProperty("/v1/classify").GetProperty("post").GetProperty("responses");
        Assert.Equal(["200", "400", "413", "422", "429", "503"], classify.EnumerateObject().Select(r => r.Name).Order());
    }

    [Fact]
    public async Task Page_and_its_assets_are_served_from_the_api_with_nothing_external()
    {
        var client = factory.CreateClient();

        using var page = await client.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync();
        var script = await client.GetStringAsync("/app.js");
        var style = await client.GetStringAsync("/site.css");

        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("not a fact checker", html);
        Assert.Contains("<label for=\"text\">", html);
        Assert.Contains("Ctrl", html);
        foreach (var source in new[] { html, script, style })
        {
            Assert.DoesNotMatch("(src|href)=\"(https?:)?//|url\\((https?:)?//|@import|fetch\\(\"http", source);
        }
    }

    [Fact]
    public void Binds_to_127_0_0_1_port_5080_by_default()
    {
        var configuration = factory.Services.GetRequiredService<IConfiguration>();

        Assert.Equal("http://127.0.0.1:5080", configuration["Urls"]);
    }

    [Theory]
    [InlineData("Classifier:MaxBatchSize", "0", "Classifier:MaxBatchSize")]
    [InlineData("Classifier:Device", "tpu", "Classifier:Device")]
    [InlineData("Classifier:ModelDirectory", "/no/such/model", "Classifier:ModelDirectory")]
    [InlineData("Api:MaxBatchItems", "0", "Api:MaxBatchItems")]
    [InlineData("Api:MaxRequestBodyBytes", "10", "Api:MaxRequestBodyBytes")]
    public async Task Bad_setting_stops_start_up_with_a_message_naming_it(string key, string value, string named)
    {
        var error = await StartUp.FailureWithAsync(key, value);

        // Validators fail with OptionsValidationException; a value the binder cannot convert fails in the binder.
        Assert.True(error is OptionsValidationException or InvalidOperationException, error?.ToString());
        Assert.Contains(named, error!.Message);
    }
}

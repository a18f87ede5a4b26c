using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace FakeNews.Api.Tests;

public sealed class ErrorStatusTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("{\"text\":")]
    [InlineData("not json")]
    [InlineData("{\"text\": 42}")]
    [InlineData("[\"a list\"]")]
    public async Task Malformed_json_is_400_problem_details(string json)
    {
        var client = await factory.CreateReadyClientAsync();

        using var response = await client.PostAsync("/v1/classify", new StringContent(json, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/v1/classify", "{}")]
    [InlineData("/v1/classify", "{\"title\":\"only a title\"}")]
    [InlineData("/v1/classify/batch", "{}")]
    [InlineData("/v1/classify/batch", "{\"items\":[]}")]
    [InlineData("/v1/classify/batch", "{\"items\":[{\"text\":\"ok\"},null]}")]
    [InlineData("/v1/classify/batch", "{\"items\":[{\"text\":\"ok\"},{\"title\":\"no text\"}]}")]
    public async Task Missing_text_or_items_is_400_naming_the_field(string route, string json)
    {
        var client = await factory.CreateReadyClientAsync();

        using var response = await client.PostAsync(route, new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Matches("'text'|'items'|items\\[1\\]", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Batch_over_the_documented_maximum_is_400_naming_the_setting()
    {
        using var small = new ApiFactory(new Dictionary<string, string?> { ["Api:MaxBatchItems"] = "2" });
        var client = await small.CreateReadyClientAsync();

        using var response = await client.PostAsJsonAsync("/v1/classify/batch", new { items = new[] { new { text = "a" }, new { text = "b" }, new { text = "c" } } });

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("Api:MaxBatchItems", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("\u200B\u200B")]
    public async Task Empty_text_is_422(string text)
    {
        var client = await factory.CreateReadyClientAsync();

        using var response = await client.PostAsJsonAsync("/v1/classify", new { text });

        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [InlineData("https://www.example.com/news/miracle-cure", "The text is only a link")]
    [InlineData("Die Regierung hat gestern ein neues Rentengesetz angekündigt.", "looks like German, not English")]
    public async Task A_link_only_or_foreign_language_text_is_422_saying_what_to_send_instead(string text, string reason)
    {
        var client = await factory.CreateReadyClientAsync();

        using var response = await client.PostAsJsonAsync("/v1/classify", new { text });

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_item_fails_the_whole_batch_with_422()
    {
        var client = await factory.CreateReadyClientAsync();

        using var response = await client.PostAsJsonAsync("/v1/classify/batch", new { items = new[] { new { text = "fine" }, new { text = " " } } });

        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Body_over_the_size_limit_is_413()
    {
        using var limited = new ApiFactory(new Dictionary<string, string?> { ["Api:MaxRequestBodyBytes"] = "2048" });
        var client = await limited.CreateReadyClientAsync();
        var json = "{\"text\":\"" + new string('a', 4000) + "\"}";

        using var declared = await client.PostAsync("/v1/classify", new StringContent(json, Encoding.UTF8, "application/json"));
        using var chunked = await client.PostAsync("/v1/classify", new UnknownLengthContent(json));
        using var fits = await client.PostAsJsonAsync("/v1/classify", new { text = new string('a', 1000) });

        var problem = await AssertProblemAsync(declared, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("Api:MaxRequestBodyBytes", problem.GetProperty("detail").GetString());
        await AssertProblemAsync(chunked, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
    }

    [Fact]
    public async Task Text_longer_than_MaxWindows_windows_is_413()
    {
        using var limited = new ApiFactory(new Dictionary<string, string?> { ["Classifier:MaxWindows"] = "2" });
        var client = await limited.CreateReadyClientAsync();

        using var response = await client.PostAsJsonAsync("/v1/classify", new { text = string.Join(" ", Enumerable.Repeat("word", 1000)) });

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Full_queue_is_429_with_Retry_After()
    {
        // One waiting sequence fills the queue; the batch waits up to 5 s for company, so the queue stays full.
        using var tight = new ApiFactory(new Dictionary<string, string?>
        {
            ["Classifier:QueueCapacity"] = "1",
            ["Classifier:MaxWindows"] = "1",
            ["Classifier:MaxBatchDelay"] = "00:00:05",
            ["Api:RetryAfterSeconds"] = "7",
        });
        var client = await tight.CreateReadyClientAsync();
        var first = client.PostAsJsonAsync("/v1/classify", new { text = "the first claim" });
        await WaitUntilAsync(() => tight.Holder.Current!.QueueLength == 1);

        using var second = await client.PostAsJsonAsync("/v1/classify", new { text = "the second claim" });

        await AssertProblemAsync(second, HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromSeconds(7), second.Headers.RetryAfter?.Delta);
        using var firstResponse = await first;
        Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);
    }

    [Fact]
    public async Task Requests_before_the_model_is_ready_are_503_with_Retry_After_while_healthz_is_200()
    {
        using var loading = new ApiFactory(new Dictionary<string, string?>(), loadModel: false);
        var client = loading.CreateClient();

        using var health = await client.GetAsync("/healthz");
        using var ready = await client.GetAsync("/readyz");
        using var classify = await client.PostAsJsonAsync("/v1/classify", new { text = "a claim" });
        using var model = await client.GetAsync("/v1/model");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        foreach (var response in new[] { ready, classify, model })
        {
            await AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        }
    }

    [Fact]
    public async Task Cancelled_request_is_dropped_by_the_batcher_and_never_run()
    {
        using var slow = new ApiFactory(new Dictionary<string, string?> { ["Classifier:MaxBatchDelay"] = "00:00:01.5" });
        var client = await slow.CreateReadyClientAsync();
        var classifier = slow.Holder.Current!;
        var before = classifier.Stats;
        using var cts = new CancellationTokenSource();

        var call = client.PostAsJsonAsync("/v1/classify", new { text = "a claim nobody waits for" }, cts.Token);
        await WaitUntilAsync(() => classifier.QueueLength == 1);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await WaitUntilAsync(() => classifier.QueueLength == 0, TimeSpan.FromSeconds(10));

        Assert.Equal(before.Items, classifier.Stats.Items);
        Assert.Equal(before.Batches, classifier.Stats.Batches);
    }

    [Fact]
    public async Task Unknown_route_is_404_problem_details()
    {
        var client = await factory.CreateReadyClientAsync();

        using var response = await client.GetAsync("/v1/nothing-here");

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    internal static async Task<System.Text.Json.JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(10);
        }
    }

    /// <summary>Content without a Content-Length, sent chunked on a real socket.</summary>
    private sealed class UnknownLengthContent(string text) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            stream.WriteAsync(Encoding.UTF8.GetBytes(text)).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

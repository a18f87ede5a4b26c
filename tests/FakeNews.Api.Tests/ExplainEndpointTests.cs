using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FakeNews.Core.Classification;
using FakeNews.Inference;

namespace FakeNews.Api.Tests;

public sealed class ExplainEndpointTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Claim = "Café owners say the 40% tax hike — «énorme» — was passed in secret! 🔥";

    /// <summary>
    /// The API against the classifier library every host calls (the CLI's <c>predict --explain</c> is held to the same
    /// library in tests/FakeNews.Cli.Tests, so the two hosts agree with each other).
    /// </summary>
    [Fact]
    public async Task Classify_with_explain_returns_the_same_attributions_as_the_classifier_for_the_same_text_and_model()
    {
        var client = await factory.CreateReadyClientAsync();
        await using var classifier = await FakeNewsClassifier.CreateAsync(
            new ClassifierOptions { ModelDirectory = Repo.TinyDistilBert, Device = ExecutionDevice.Cpu, IntraOpThreads = 1 });
        var direct = await classifier.ExplainAsync(new ClassificationRequest(Claim, "Tax news", new ArticleMetadata(Speaker: "jane roe")));

        using var response = await client.PostAsJsonAsync("/v1/classify", new { text = Claim, title = "Tax news", metadata = new { speaker = "jane roe" }, explain = true });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal(FakeNews.Core.Explanations.Explanation.GranularityName(direct.Granularity), body.GetProperty("granularity").GetString());
        var actual = body.GetProperty("attributions").EnumerateArray().ToList();
        Assert.Equal(direct.Attributions.Select(a => ((string?)a.Source, a.Field, a.Start, a.End, (string?)a.Text)).ToList(), Units(actual));
        for (var i = 0; i < direct.Attributions.Count; i++)
        {
            Assert.Equal(direct.Attributions[i].Weight, actual[i].GetProperty("weight").GetDouble(), tolerance: 1e-5);
        }

        Assert.Equal(direct.Result.PFake, body.GetProperty("p_fake").GetDouble(), tolerance: 1e-5);
    }

    [Fact]
    public async Task Classify_without_explain_has_no_attributions()
    {
        var client = await factory.CreateReadyClientAsync();

        using var response = await client.PostAsJsonAsync("/v1/classify", new { text = Claim, explain = false });

        var body = await Json.ReadAsync(response);
        Assert.False(body.TryGetProperty("attributions", out _));
        Assert.False(body.TryGetProperty("granularity", out _));
    }

    [Fact]
    public async Task Batch_explains_the_flagged_items_and_keeps_request_order()
    {
        var client = await factory.CreateReadyClientAsync();
        var items = new object[] { new { text = "Plain claim one." }, new { text = Claim, explain = true }, new { text = "Plain claim two." } };

        using var some = await client.PostAsJsonAsync("/v1/classify/batch", new { items });
        using var all = await client.PostAsJsonAsync("/v1/classify/batch", new { items, explain = true });
        using var single = await client.PostAsJsonAsync("/v1/classify", new { text = Claim, explain = true });

        var someItems = (await Json.ReadAsync(some)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([false, true, false], someItems.Select(i => i.TryGetProperty("attributions", out _)));
        var allItems = (await Json.ReadAsync(all)).GetProperty("items").EnumerateArray().ToList();
        Assert.All(allItems, i => Assert.True(i.TryGetProperty("attributions", out _)));
        Assert.Equal(["Plain", "claim", "one"], allItems[0].GetProperty("attributions").EnumerateArray().Select(a => a.GetProperty("text").GetString()));
        var expected = (await Json.ReadAsync(single)).GetProperty("attributions").EnumerateArray().ToList();
        Assert.Equal(Units(expected), Units(someItems[1].GetProperty("attributions").EnumerateArray().ToList()));
        Assert.Equal(Units(expected), Units(allItems[1].GetProperty("attributions").EnumerateArray().ToList()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("\u200B\u200B")]
    public async Task Explain_on_empty_text_gives_the_same_422_as_plain_classification(string text)
    {
        var client = await factory.CreateReadyClientAsync();

        using var plain = await client.PostAsJsonAsync("/v1/classify", new { text });
        using var explained = await client.PostAsJsonAsync("/v1/classify", new { text, explain = true });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, explained.StatusCode);
        Assert.Equal(await Detail(plain), await Detail(explained));
    }

    [Fact]
    public async Task Explain_on_a_text_over_the_window_limit_gives_the_same_413_as_plain_classification()
    {
        using var limited = new ApiFactory(new Dictionary<string, string?> { ["Classifier:MaxWindows"] = "2" });
        var client = await limited.CreateReadyClientAsync();
        var text = string.Join(" ", Enumerable.Repeat("word", 1000));

        using var plain = await client.PostAsJsonAsync("/v1/classify", new { text });
        using var explained = await client.PostAsJsonAsync("/v1/classify", new { text, explain = true });
        using var batch = await client.PostAsJsonAsync("/v1/classify/batch", new { items = new[] { new { text } }, explain = true });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, explained.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, batch.StatusCode);
        Assert.Equal(await Detail(plain), await Detail(explained));
    }

    [Fact]
    public async Task An_explain_request_holds_a_queue_slot_per_word_so_a_full_queue_refuses_the_next_request_with_429()
    {
        // The batch waits up to 5 s for company (no padding limit to start it early), so the explanation's sequences
        // stay in the queue meanwhile.
        using var tight = new ApiFactory(new Dictionary<string, string?>
        {
            ["Classifier:QueueCapacity"] = "8",
            ["Classifier:MaxWindows"] = "1",
            ["Classifier:MaxBatchDelay"] = "00:00:05",
            ["Classifier:MaxAddedPadding"] = "100000",
        });
        var client = await tight.CreateReadyClientAsync();
        var explained = client.PostAsJsonAsync("/v1/classify", new { text = "one two three", explain = true });
        await WaitUntilAsync(() => tight.Holder.Current!.QueueLength == 4);
        var fits = client.PostAsJsonAsync("/v1/classify", new { text = "a plain claim" });
        await WaitUntilAsync(() => tight.Holder.Current!.QueueLength == 5);

        using var refused = await client.PostAsJsonAsync("/v1/classify", new { text = "one more two three four", explain = true });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        using var explainedResponse = await explained;
        using var fitsResponse = await fits;
        Assert.Equal(HttpStatusCode.OK, explainedResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fitsResponse.StatusCode);
        Assert.Equal(3, (await Json.ReadAsync(explainedResponse)).GetProperty("attributions").GetArrayLength());
    }


    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "the queue never reached the expected length");
    }

    [Fact]
    public async Task OpenApi_document_describes_explain_and_attributions()
    {
        var client = await factory.CreateReadyClientAsync();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.Contains("attributions", schemas.GetProperty("ClassifyRequest").GetProperty("properties").GetProperty("explain").GetProperty("description").GetString());
        Assert.True(schemas.GetProperty("BatchClassifyRequest").GetProperty("properties").TryGetProperty("explain", out _));
        Assert.True(schemas.GetProperty("ClassifyResponse").GetProperty("properties").TryGetProperty("attributions", out _));
        var attribution = schemas.GetProperty("AttributionResponse").GetProperty("properties");
        Assert.Equal(["end", "field", "source", "start", "text", "weight"], attribution.EnumerateObject().Select(p => p.Name).Order());
    }

    private static List<(string?, string?, int, int, string?)> Units(List<JsonElement> attributions) =>
        attributions.Select(a => (
            a.GetProperty("source").GetString(),
            a.TryGetProperty("field", out var field) ? field.GetString() : null,
            a.GetProperty("start").GetInt32(),
            a.GetProperty("end").GetInt32(),
            a.GetProperty("text").GetString())).ToList();

    private static async Task<string?> Detail(HttpResponseMessage response) => (await Json.ReadAsync(response)).GetProperty("detail").GetString();
}

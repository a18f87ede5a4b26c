using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using FakeNews.Core.Classification;
using FakeNews.Inference;

namespace FakeNews.Api.Tests;

public sealed class ClassifyEndpointTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Claim = "Says the county library board wants to close every branch on weekends and holidays.";

    [Fact]
    public async Task Classify_returns_label_probabilities_tokens_and_model()
    {
        var client = await factory.CreateReadyClientAsync();

        using var response = await client.PostAsJsonAsync("/v1/classify", new { text = Claim });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        var pFake = body.GetProperty("p_fake").GetSingle();
        Assert.Equal(pFake >= 0.5f ? "fake" : "real", body.GetProperty("label").GetString());
        Assert.Equal(pFake, body.GetProperty("probabilities").GetProperty("fake").GetSingle());
        Assert.Equal(1f, pFake + body.GetProperty("probabilities").GetProperty("real").GetSingle(), 5);
        Assert.Equal(28, body.GetProperty("tokens").GetInt32());
        Assert.Equal("tiny-distilbert@1.0.0", body.GetProperty("model").GetString());
        Assert.True(body.GetProperty("latency_ms").GetDouble() > 0);
        Assert.False(body.TryGetProperty("chunks", out _), "a one-window text has no chunks field");
    }

    [Theory]
    [InlineData("Says the county library board wants to close every branch.", null, "claim")]
    [InlineData("County library board closes every branch", null, "headline")]
    [InlineData("The library board closes every branch https://example.org/news", null, "post")]
    [InlineData("The county library board wants to close every branch.", "Library news", "article")]
    public async Task Each_result_carries_the_kind_and_the_threshold_that_decided_its_label(string text, string? title, string kind)
    {
        using var model = new KindCalibratedModel();
        using var calibrated = new ApiFactory(new Dictionary<string, string?> { ["Classifier:ModelDirectory"] = model.Directory });
        var client = await calibrated.CreateReadyClientAsync();

        using var response = await client.PostAsJsonAsync("/v1/classify", new { text, title });

        var body = await Json.ReadAsync(response);
        var threshold = body.GetProperty("threshold").GetDouble();
        Assert.Equal(kind, body.GetProperty("kind").GetString());
        Assert.Equal(KindCalibratedModel.Thresholds[kind], threshold, 6);
        Assert.Equal(body.GetProperty("p_fake").GetDouble() >= threshold ? "fake" : "real", body.GetProperty("label").GetString());
    }

    [Fact]
    public async Task Classify_matches_the_reference_logits_of_the_golden_file()
    {
        var client = await factory.CreateReadyClientAsync();
        using var golden = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Repo.TinyDistilBert, "golden.json")));

        foreach (var @case in golden.RootElement.GetProperty("cases").EnumerateArray())
        {
            var logits = @case.GetProperty("logits").EnumerateArray().Select(l => l.GetDouble()).ToArray();
            var expected = Math.Exp(logits[1]) / (Math.Exp(logits[0]) + Math.Exp(logits[1]));
            var request = new JsonObject { ["text"] = @case.GetProperty("text").GetString() };
            foreach (var optional in new[] { "title", "metadata" })
            {
                if (@case.TryGetProperty(optional, out var value))
                {
                    request[optional] = JsonNode.Parse(value.GetRawText());
                }
            }

            using var response = await client.PostAsJsonAsync("/v1/classify", request);
            var body = await Json.ReadAsync(response);
            Assert.True(response.IsSuccessStatusCode, body.ToString());

            // The reference truncates to one window; the API windows long texts, so compare its first window.
            var pFake = body.TryGetProperty("chunks", out var chunks) ? chunks[0].GetProperty("p_fake") : body.GetProperty("p_fake");
            Assert.Equal(expected, pFake.GetDouble(), 4);
        }
    }

    [Fact]
    public async Task Title_and_metadata_reach_the_model_as_the_core_renders_them()
    {
        var client = await factory.CreateReadyClientAsync();
        var request = new ClassificationRequest(Claim, "A headline", new ArticleMetadata(Speaker: "Jane Doe", Party: "independent"));
        await using var direct = await FakeNewsClassifier.CreateAsync(new ClassifierOptions { ModelDirectory = Repo.TinyDistilBert, Device = ExecutionDevice.Cpu });
        var expected = await direct.ClassifyAsync(request);
        var bare = await direct.ClassifyAsync(new ClassificationRequest(Claim));

        using var response = await client.PostAsJsonAsync("/v1/classify", new
        {
            text = Claim,
            title = "A headline",
            metadata = new { speaker = "Jane Doe", party = "independent", job = "  " },
        });

        var body = await Json.ReadAsync(response);
        Assert.Equal(expected.Tokens, body.GetProperty("tokens").GetInt32());
        Assert.NotEqual(bare.Tokens, expected.Tokens);
        Assert.Equal(expected.PFake, body.GetProperty("p_fake").GetSingle(), 5);
    }

    [Fact]
    public async Task Long_article_returns_per_window_scores_that_cover_the_text()
    {
        var client = await factory.CreateReadyClientAsync();
        var article = string.Join(" ", Enumerable.Repeat("The council approved the budget after a long debate about schools and roads.", 30));

        using var response = await client.PostAsJsonAsync("/v1/classify", new { text = article });

        var body = await Json.ReadAsync(response);
        var tokens = body.GetProperty("tokens").GetInt32();
        var chunks = body.GetProperty("chunks").EnumerateArray().ToList();
        Assert.True(chunks.Count > 1, body.ToString());
        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.GetProperty("index").GetInt32()));
        Assert.Equal(0, chunks[0].GetProperty("start_token").GetInt32());
        Assert.Equal(tokens, chunks[^1].GetProperty("start_token").GetInt32() + chunks[^1].GetProperty("token_count").GetInt32());
        Assert.All(chunks, c => Assert.InRange(c.GetProperty("p_fake").GetSingle(), 0f, 1f));
    }

    [Fact]
    public async Task Batch_returns_one_result_per_item_in_request_order_equal_to_single_calls()
    {
        var client = await factory.CreateReadyClientAsync();
        string[] texts = ["First claim about taxes.", "A second, longer claim about the budget of the state and its schools.", "Third."];
        var singles = new List<float>();
        foreach (var text in texts)
        {
            using var single = await client.PostAsJsonAsync("/v1/classify", new { text });
            singles.Add((await Json.ReadAsync(single)).GetProperty("p_fake").GetSingle());
        }

        using var response = await client.PostAsJsonAsync("/v1/classify/batch", new { items = texts.Select(text => new { text }) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        var items = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("p_fake").GetSingle()).ToList();
        Assert.Equal(singles.Count, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            Assert.Equal(singles[i], items[i], 5);
        }

        Assert.Equal("tiny-distilbert@1.0.0", body.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Concurrent_requests_are_batched_together_by_the_shared_batcher()
    {
        using var patient = new ApiFactory(new Dictionary<string, string?> { ["Classifier:MaxBatchDelay"] = "00:00:00.200" });
        var client = await patient.CreateReadyClientAsync();
        var before = patient.Holder.Current!.Stats;

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => client.PostAsJsonAsync("/v1/classify", new { text = $"Claim number {i} about the state budget." })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var after = patient.Holder.Current!.Stats;
        Assert.Equal(16, after.Items - before.Items);
        Assert.True(after.Batches - before.Batches < 16, $"16 concurrent requests ran in {after.Batches - before.Batches} batches");
    }
}

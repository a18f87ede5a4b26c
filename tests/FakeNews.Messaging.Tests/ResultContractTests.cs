using System.Text;
using FakeNews.Core.Classification;
using FakeNews.Messaging;

namespace FakeNews.Messaging.Tests;

public sealed class ResultContractTests
{
    private static readonly ModelInfo Model = new("minilm-liar", "1.0.0", ["real", "fake"], 256, ["input_ids", "attention_mask"], "CPU", "1.31.0", "models/minilm-liar-v1");

    private static string Golden(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    [Fact]
    public void Multi_window_result_serializes_exactly_as_the_v1_golden_file()
    {
        var chunks = new[] { new WindowScore(0, 0, 254, 0.5f), new WindowScore(1, 190, 254, 0.875f), new WindowScore(2, 380, 320, 0.875f) };
        var verdict = new ClassificationResult("fake", 0.75f, new Dictionary<string, float> { ["real"] = 0.25f, ["fake"] = 0.75f }, 700, chunks, Model.Id, 12.3456);

        var json = Encoding.UTF8.GetString(MessageSerializer.Serialize(ArticleResult.From("article-7", verdict, Model)));

        Assert.Equal(Golden("result.v1.json"), json);
    }

    [Fact]
    public void Single_window_result_has_no_chunks_field()
    {
        var verdict = new ClassificationResult("real", 0.25f, new Dictionary<string, float>(), 12, [new WindowScore(0, 0, 12, 0.25f)], Model.Id, 3.5);

        var json = Encoding.UTF8.GetString(MessageSerializer.Serialize(ArticleResult.From("claim-1", verdict, Model)));

        Assert.Equal(Golden("result.v1.single-window.json"), json);
    }

    [Fact]
    public void The_input_kind_is_written_after_the_latency_when_the_model_reports_one()
    {
        var verdict = new ClassificationResult("real", 0.25f, new Dictionary<string, float>(), 12, [new WindowScore(0, 0, 12, 0.25f)], Model.Id, 3.5, InputKind.Headline);

        var json = Encoding.UTF8.GetString(MessageSerializer.Serialize(ArticleResult.From("claim-1", verdict, Model)));

        Assert.EndsWith("\"latency_ms\":3.5,\"kind\":\"headline\"}", json);
        Assert.Equal("headline", MessageSerializer.DeserializeResult(Encoding.UTF8.GetBytes(json)).Kind);
    }

    [Fact]
    public void The_threshold_that_decided_the_label_follows_the_kind()
    {
        var verdict = new ClassificationResult("fake", 0.5f, new Dictionary<string, float>(), 12, [new WindowScore(0, 0, 12, 0.5f)], Model.Id, 3.5, InputKind.Post, 0.5f);

        var json = Encoding.UTF8.GetString(MessageSerializer.Serialize(ArticleResult.From("post-1", verdict, Model)));

        Assert.EndsWith("\"latency_ms\":3.5,\"kind\":\"post\",\"threshold\":0.5}", json);
        Assert.Equal(0.5f, MessageSerializer.DeserializeResult(Encoding.UTF8.GetBytes(json)).Threshold);
    }

    [Fact]
    public void Golden_result_reads_back_with_every_field()
    {
        var result = MessageSerializer.DeserializeResult(Encoding.UTF8.GetBytes(Golden("result.v1.json")));

        Assert.Equal(MessageContract.SchemaVersion, result.SchemaVersion);
        Assert.Equal("article-7", result.Id);
        Assert.Equal("fake", result.Label);
        Assert.Equal(0.75f, result.PFake);
        Assert.Equal(3, result.Chunks?.Count);
        Assert.Equal(190, result.Chunks![1].StartToken);
        Assert.Equal("minilm-liar", result.Model);
        Assert.Equal("1.0.0", result.ModelVersion);
        Assert.Equal(12.346, result.LatencyMs);
    }
}

using System.Text;
using System.Text.Json;
using FakeNews.Core.Classification;
using FakeNews.Core.Explanations;
using FakeNews.Messaging;

namespace FakeNews.Messaging.Tests;

public sealed class ExplainContractTests
{
    private static readonly ModelInfo Model = new("minilm-liar", "1.0.0", ["real", "fake"], 256, ["input_ids", "attention_mask"], "CPU", "1.31.0", "models/minilm-liar-v1");

    private static ParsedRequest Parse(string json) => RequestParser.Parse(Encoding.UTF8.GetBytes(json), messageId: null);

    [Theory]
    [InlineData("""{"id": "a", "text": "Taxes rose."}""", false)]
    [InlineData("""{"id": "a", "text": "Taxes rose.", "explain": null}""", false)]
    [InlineData("""{"id": "a", "text": "Taxes rose.", "explain": false}""", false)]
    [InlineData("""{"id": "a", "text": "Taxes rose.", "explain": true}""", true)]
    public void Explain_is_optional_and_false_unless_set_to_true(string json, bool expected)
    {
        Assert.Equal(expected, Assert.IsType<ArticleRequest>(Parse(json).Request).Explain);
    }

    [Theory]
    [InlineData("\"yes\"", "string")]
    [InlineData("1", "number")]
    public void Explain_that_is_not_a_boolean_is_malformed_json(string value, string kind)
    {
        var parsed = Parse($$"""{"id": "a", "text": "Taxes rose.", "explain": {{value}}}""");

        Assert.Null(parsed.Request);
        Assert.Equal(ReasonCodes.MalformedJson, parsed.Rejection!.Code);
        Assert.Equal($"'explain' is a JSON {kind}; it must be true or false", parsed.Rejection.Detail);
    }

    [Fact]
    public void A_serialized_request_keeps_explain_and_omits_it_when_false()
    {
        var explained = Encoding.UTF8.GetString(MessageSerializer.Serialize(new ArticleRequest("a", "Taxes rose.", Explain: true)));
        var plain = Encoding.UTF8.GetString(MessageSerializer.Serialize(new ArticleRequest("a", "Taxes rose.")));

        Assert.Contains("\"explain\":true", explained);
        Assert.DoesNotContain("explain", plain);
        Assert.True(RequestParser.Parse(Encoding.UTF8.GetBytes(explained), null).Request!.Explain);
    }

    [Fact]
    public void An_explained_result_carries_granularity_and_attributions_and_reads_back()
    {
        var verdict = new ClassificationResult("fake", 0.75f, new Dictionary<string, float> { ["real"] = 0.25f, ["fake"] = 0.75f }, 5, [new WindowScore(0, 0, 5, 0.75f)], Model.Id, 2);
        var explanation = new Explanation(verdict, AttributionGranularity.Word,
        [
            new Attribution(AttributionSources.Metadata, "speaker", 0, 8, "jane roe", -0.125f),
            new Attribution(AttributionSources.Text, null, 0, 5, "Taxes", 0.5f),
        ]);

        var body = MessageSerializer.Serialize(ArticleResult.From("claim-1", explanation, Model));

        using var json = JsonDocument.Parse(body);
        Assert.Equal("word", json.RootElement.GetProperty("granularity").GetString());
        Assert.Equal(
            """[{"source":"metadata","field":"speaker","start":0,"end":8,"text":"jane roe","weight":-0.125},{"source":"text","start":0,"end":5,"text":"Taxes","weight":0.5}]""",
            json.RootElement.GetProperty("attributions").GetRawText());
        var read = MessageSerializer.DeserializeResult(body);
        Assert.Equal(2, read.Attributions!.Count);
        Assert.Equal("speaker", read.Attributions[0].Field);
    }
}

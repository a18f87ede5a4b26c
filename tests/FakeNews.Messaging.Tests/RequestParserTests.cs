using System.Text;
using FakeNews.Messaging;

namespace FakeNews.Messaging.Tests;

public sealed class RequestParserTests
{
    private static ParsedRequest Parse(string json, string? messageId = null, int maxBodyBytes = RequestParser.DefaultMaxBodyBytes) =>
        RequestParser.Parse(Encoding.UTF8.GetBytes(json), messageId, maxBodyBytes);

    public static TheoryData<string> PoisonFixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "poison")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PoisonFixtures))]
    public void Poison_fixture_is_rejected_with_the_reason_code_its_name_starts_with(string fixture)
    {
        var body = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "poison", fixture));

        var parsed = RequestParser.Parse(body, messageId: null);

        Assert.Null(parsed.Request);
        Assert.NotNull(parsed.Rejection);
        Assert.Equal(fixture[..fixture.IndexOf('.')], parsed.Rejection.Code);
        Assert.False(string.IsNullOrWhiteSpace(parsed.Rejection.Detail));
    }

    [Fact]
    public void Every_reason_code_a_parser_can_give_has_a_fixture()
    {
        var covered = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "poison"))
            .Select(Path.GetFileName).Select(name => name![..name!.IndexOf('.')]).ToHashSet();

        Assert.Superset(covered, new HashSet<string> { ReasonCodes.MalformedJson, ReasonCodes.MissingText, ReasonCodes.EmptyText, ReasonCodes.MissingId, ReasonCodes.UnsupportedVersion });
    }

    [Fact]
    public void Full_request_is_read_with_title_url_and_metadata()
    {
        var parsed = Parse("""
            {"schema_version": 1, "id": "a-1", "text": "Taxes rose.", "title": "Budget", "url": "https://example.org/a",
             "metadata": {"speaker": "Jane Doe", "Party": "independent", "unknown": "ignored", "job": null}}
            """);

        var request = Assert.IsType<ArticleRequest>(parsed.Request);
        Assert.Null(parsed.Rejection);
        Assert.Equal("a-1", request.Id);
        Assert.Equal("Taxes rose.", request.Text);
        Assert.Equal("Budget", request.Title);
        Assert.Equal("https://example.org/a", request.Url);
        Assert.Equal("speaker: Jane Doe | party: independent | claim: Budget\n\nTaxes rose.", request.ToClassificationRequest().ModelInput());
    }

    [Fact]
    public void Request_without_schema_version_is_read_as_version_one()
    {
        var request = Parse("""{"id": "x", "text": "plain"}""").Request;

        Assert.NotNull(request);
        Assert.Equal("plain", request.ToClassificationRequest().ModelInput());
    }

    [Fact]
    public void Missing_id_falls_back_to_the_message_id()
    {
        var request = Parse("""{"text": "no id in the body"}""", messageId: "amqp-42").Request;

        Assert.Equal("amqp-42", request?.Id);
    }

    [Fact]
    public void Numeric_id_is_kept_as_its_json_text()
    {
        Assert.Equal("1234", Parse("""{"id": 1234, "text": "t"}""").Request?.Id);
    }

    [Fact]
    public void Body_over_the_limit_is_oversized_without_being_parsed()
    {
        var json = """{"id": "big", "text": "0123456789"}""";

        var atLimit = Parse(json, maxBodyBytes: json.Length);
        var overLimit = Parse(json, maxBodyBytes: json.Length - 1);

        Assert.NotNull(atLimit.Request);
        Assert.Equal(ReasonCodes.Oversized, overLimit.Rejection?.Code);
        Assert.Contains($"{json.Length} bytes", overLimit.Rejection!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Reason_renders_as_code_colon_detail()
    {
        var rejection = Parse("""{"id": "e", "text": "   "}""").Rejection;

        Assert.Equal("empty_text: 'text' is empty or whitespace only", rejection?.ToString());
    }

    [Fact]
    public void Serialized_request_parses_back_to_the_same_request()
    {
        var metadata = new Dictionary<string, string?> { ["speaker"] = "A \"quoted\" name", ["state"] = "Texas" };
        var original = new ArticleRequest("id-\u00e9", "Line one\nline two \u2014 \U0001F600", "Title", "https://x.test/?a=1&b=<2>", metadata);

        var parsed = RequestParser.Parse(MessageSerializer.Serialize(original), messageId: null).Request;

        Assert.NotNull(parsed);
        Assert.Equal(original.Id, parsed.Id);
        Assert.Equal(original.Text, parsed.Text);
        Assert.Equal(original.Title, parsed.Title);
        Assert.Equal(original.Url, parsed.Url);
        Assert.Equal(metadata.OrderBy(kv => kv.Key), parsed.Metadata!.OrderBy(kv => kv.Key));
    }
}

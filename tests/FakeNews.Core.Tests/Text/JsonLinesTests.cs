using System.Text.Json;
using FakeNews.Core.Text;

namespace FakeNews.Core.Tests.Text;

public sealed class JsonLinesTests
{
    [Fact]
    public void Each_non_blank_line_is_parsed_on_its_own_and_a_bad_one_spoils_nothing_else()
    {
        var lines = JsonLines.Read("{\"a\":1}\r\n  \n{bad\n[2]").ToList();
        Assert.Equal([1, 3, 4], lines.Select(l => l.Number));
        Assert.NotNull(lines[1].Error);
        Assert.Null(lines[1].Document);
        Assert.Equal(JsonValueKind.Array, lines[2].Document!.RootElement.ValueKind);
        foreach (var line in lines)
        {
            line.Document?.Dispose();
        }
    }

    [Fact]
    public void Comments_and_trailing_commas_follow_the_options()
    {
        const string Line = "{\"a\":1, /* note */}";
        Assert.NotNull(Assert.Single(JsonLines.Read(Line)).Error);
        var options = new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };
        using var document = Assert.Single(JsonLines.Read(Line, options)).Document;
        Assert.NotNull(document);
    }

    [Theory]
    [InlineData("\"text\"", "text")]
    [InlineData("12.50", "12.50")]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("null", null)]
    [InlineData("{}", null)]
    [InlineData("[1]", null)]
    public void Scalars_are_taken_as_text(string json, string? expected)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(expected, JsonFields.Scalar(document.RootElement));
    }

    [Fact]
    public void An_escaped_lone_surrogate_cannot_be_read_as_text()
    {
        using var document = JsonDocument.Parse("\"\\ud800\"");
        Assert.Throws<InvalidOperationException>(() => JsonFields.Scalar(document.RootElement));
    }
}

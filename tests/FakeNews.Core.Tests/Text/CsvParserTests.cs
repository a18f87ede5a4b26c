using FakeNews.Core.Text;

namespace FakeNews.Core.Tests.Text;

public sealed class CsvParserTests
{
    private static List<string[]> Parse(string content) => CsvParser.Parse(content).Select(r => r.Fields.ToArray()).ToList();

    [Fact]
    public void Quoted_fields_keep_commas_doubled_quotes_and_newlines()
    {
        var rows = Parse("a,b\r\n\"x, y\",\"say \"\"hi\"\"\nthere\"\r\n");
        Assert.Equal([["a", "b"], ["x, y", "say \"hi\"\nthere"]], rows);
    }

    [Fact]
    public void Last_record_without_newline_and_empty_fields_are_kept()
    {
        Assert.Equal([["a", "", ""], ["", "b", ""]], Parse("a,,\n,b,"));
    }

    [Fact]
    public void Record_lines_count_the_newlines_inside_quotes()
    {
        var records = CsvParser.Parse("h\n\"1\n2\"\nnext\n").ToList();
        Assert.Equal([1, 2, 4], records.Select(r => r.Line));
    }

    [Fact]
    public void Unclosed_quote_names_the_line_it_started_on()
    {
        var error = Assert.Throws<CsvFormatException>(() => Parse("a\nb\n\"open\nstill open"));
        Assert.Equal("the quoted field starting on line 3 is not closed", error.Message);
        Assert.Equal(3, error.Line);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"x\"", "\"say \"\"x\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData(null, "")]
    public void Escape_quotes_only_when_needed_and_round_trips(string? value, string expected)
    {
        Assert.Equal(expected, CsvParser.Escape(value));
        Assert.Equal(value ?? "", Parse(CsvParser.Escape(value) + ",end").Single()[0]);
    }
}

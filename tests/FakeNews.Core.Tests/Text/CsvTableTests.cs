using FakeNews.Core.Text;

namespace FakeNews.Core.Tests.Text;

public sealed class CsvTableTests
{
    [Fact]
    public void Records_come_with_their_lines_and_blank_lines_are_marked()
    {
        var entries = CsvTable.Read("id,text\n\n1,\"a\nb\"\n2,c\n").ToList();
        Assert.Equal([1, 2, 3, 5], entries.Select(e => e.Line));
        Assert.True(entries[1].IsBlank);
        Assert.Equal(["1", "a\nb"], entries[2].Fields);
        Assert.All(entries, e => Assert.Null(e.Error));
    }

    [Fact]
    public void An_unclosed_quote_is_a_last_entry_naming_its_line_not_an_exception()
    {
        var entries = CsvTable.Read("id,text\n1,ok\n2,\"never closed\n3,x\n").ToList();
        Assert.Equal(3, entries.Count);
        Assert.Equal(3, entries[2].Line);
        Assert.Equal("the quoted field starting on line 3 is not closed", entries[2].Error);
        Assert.Empty(entries[2].Fields);
        Assert.False(entries[2].IsBlank);
    }

    [Fact]
    public void Header_names_are_trimmed_lower_cased_and_looked_up_ignoring_case()
    {
        var header = new CsvHeader(["\uFEFFId ", "TEXT", "text"]);
        Assert.Equal(["id", "text", "text"], header.Names);
        Assert.True(header.Has("Text"));
        Assert.Equal("text", header.Duplicate);
        Assert.Equal("b", header.Get(["a", "b", "c"], "text"));
        Assert.Null(header.Get(["a"], "text"));
        Assert.Null(header.Get(["a", "b", "c"], "title"));
    }
}

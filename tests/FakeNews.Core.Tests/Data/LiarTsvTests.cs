using FakeNews.Core.Data;

namespace FakeNews.Core.Tests.Data;

public sealed class LiarTsvTests
{
    private const string Tail = "\tt\ts\tj\tst\tp\t0\t0\t0\t0\t0\tc";

    [Fact]
    public void An_unbalanced_quote_stays_in_its_own_row_and_blank_lines_are_skipped()
    {
        var content = "1.json\tfalse\t\"Quoted start" + Tail + "\r\n\r\n2.json\ttrue\tNext claim." + Tail + "\n";
        var rows = LiarTsv.Parse(content, "x.tsv");
        Assert.Equal(2, rows.Count);
        Assert.Equal("\"Quoted start", rows[0].Statement);
        Assert.Equal(("2.json", 3), (rows[1].Id, rows[1].Line));
        Assert.Equal("c", rows[0].Context);
    }

    [Fact]
    public void Count_columns_are_mapped_to_six_way_label_order()
    {
        // Columns 9..13: barely_true, false, half_true, mostly_true, pants_on_fire.
        var line = "1.json\tfalse\tA claim.\ttaxes\tann-lee\tMayor\tOhio\tdemocrat\t1\t2\t3\t4\t5\ta speech";
        var row = Assert.Single(LiarTsv.Parse(line, "x.tsv"));
        Assert.Equal([5f, 2f, 1f, 3f, 4f, 0f], row.LeakyCounts);
        Assert.Equal(1, row.SixWayLabel);
        Assert.Equal("false", row.SixWayName);
        Assert.True(row.IsFake);
    }

    [Theory]
    [InlineData("1.json\tfalse\tA claim.", "expected 14 tab-separated columns, found 3")]
    [InlineData("  \tfalse\tA claim." + Tail, "empty id (column 1)")]
    [InlineData("1.json\tsorta\tA claim." + Tail, "unknown label 'sorta' (expected one of pants-fire, false, barely-true, half-true, mostly-true, true)")]
    [InlineData("1.json\tfalse\t  " + Tail, "empty statement (column 3)")]
    [InlineData("1.json\tfalse\tA claim.\tt\ts\tj\tst\tp\t0\tx\t0\t0\t0\tc", "credit-history count 'x' (column 10) is not a number")]
    [InlineData("1.json\tfalse\tA claim.\tt\ts\tj\tst\tp\t0\t0\t-1\t0\t0\tc", "credit-history count '-1' (column 11) is negative")]
    public void Malformed_lines_fail_with_the_file_line_and_problem(string line, string problem)
    {
        var error = Assert.Throws<DataFormatException>(() => LiarTsv.Parse("\n" + line + "\n", "bad.tsv"));
        Assert.Equal($"bad.tsv:2: {problem}", error.Message);
        Assert.Equal((2, problem), (error.Line, error.Reason));
    }

    [Fact]
    public void A_row_becomes_the_request_a_host_would_receive()
    {
        var line = "1.json\ttrue\tA claim.\teconomy,taxes\tann-lee\t\tOhio\tdemocrat\t0\t0\t0\t0\t0\t";
        var request = Assert.Single(LiarTsv.Parse(line, "x.tsv")).ToRequest();
        Assert.Equal("A claim.", request.Text);
        Assert.Null(request.Title);
        Assert.Equal("ann-lee", request.Metadata!.Speaker);
        Assert.Null(request.Metadata.Job);
        Assert.Null(request.Metadata.Context);
        Assert.Equal("economy,taxes", request.Metadata.Subject);
    }

    [Fact]
    public void A_row_with_no_metadata_has_none()
    {
        var line = "1.json\ttrue\tA claim.\t\t\t\t\t\t\t\t\t\t\t";
        Assert.Null(Assert.Single(LiarTsv.Parse(line, "x.tsv")).Metadata);
    }
}

using FakeNews.Baseline.Data;

namespace FakeNews.Baseline.Tests;

public sealed class LiarTsvTests
{
    [Fact]
    public void Every_fixture_line_becomes_a_row_even_after_an_unbalanced_quote()
    {
        Assert.Equal(120, TestData.Train.Count);
        Assert.Equal(40, TestData.Valid.Count);
        Assert.StartsWith("\"Quoted start", TestData.Train[3].Statement);
        Assert.Equal("1004.json", TestData.Train[4].Id);
    }

    [Fact]
    public void Count_columns_are_mapped_to_six_way_label_order()
    {
        // Columns 9..13: barely_true, false, half_true, mostly_true, pants_on_fire.
        var line = "1.json\tfalse\tA claim.\ttaxes\tann-lee\tMayor\tOhio\tdemocrat\t1\t2\t3\t4\t5\ta speech";
        var row = Assert.Single(LiarTsv.Parse(line, "x.tsv"));
        Assert.Equal([5f, 2f, 1f, 3f, 4f, 0f], row.LeakyCounts);
        Assert.Equal(1, row.SixWayLabel);
        Assert.True(row.IsFake);
    }

    [Theory]
    [InlineData("1.json\tfalse\tA claim.", "expected 14 tab-separated fields, found 3")]
    [InlineData("1.json\tsorta\tA claim.\tt\ts\tj\tst\tp\t0\t0\t0\t0\t0\tc", "unknown label 'sorta'")]
    [InlineData("1.json\tfalse\t  \tt\ts\tj\tst\tp\t0\t0\t0\t0\t0\tc", "empty statement")]
    [InlineData("1.json\tfalse\tA claim.\tt\ts\tj\tst\tp\t0\tx\t0\t0\t0\tc", "count 'x' (field 10)")]
    public void Malformed_lines_fail_with_the_file_line_and_problem(string line, string problem)
    {
        var error = Assert.Throws<InvalidDataException>(() => LiarTsv.Parse("\n" + line + "\n", "bad.tsv"));
        Assert.StartsWith("bad.tsv:2: ", error.Message);
        Assert.Contains(problem, error.Message);
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
}

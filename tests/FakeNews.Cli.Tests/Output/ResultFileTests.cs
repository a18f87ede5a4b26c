using FakeNews.Cli.Output;

namespace FakeNews.Cli.Tests.Output;

public sealed class ResultFileTests
{
    private static readonly OutputRow[] Rows =
    [
        new("plain", "fake", 0.87654321, 12, 1, "m@1", null),
        new("with, comma \"and quotes\"\nand newline", "real", 0.1, 300, 3, "m@1", null),
        OutputRow.Failed("bad.txt", "m@1", "binary: the file contains NUL bytes"),
    ];

    [Theory]
    [InlineData("Jsonl")]
    [InlineData("Csv")]
    public async Task Resume_reads_back_every_id_written_including_awkward_ones(string formatName)
    {
        var format = Enum.Parse<OutputFormat>(formatName);
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "nested", "out." + format.ToString().ToLowerInvariant());
        await using (var file = ResultFile.Open(path, format, resume: false, _ => { }))
        {
            foreach (var row in Rows)
            {
                await file.WriteAsync(row);
            }
        }

        await using var resumed = ResultFile.Open(path, format, resume: true, _ => { });
        Assert.Equal(Rows.Select(r => r.Id).ToHashSet(), resumed.DoneIds);
    }

    [Fact]
    public void Rows_are_formatted_with_six_decimals_and_nulls_for_missing_values()
    {
        Assert.Equal("""{"id":"plain","label":"fake","p_fake":0.876543,"kind":null,"threshold":null,"tokens":12,"chunks":1,"model":"m@1","error":null}""", RowFormatter.ToJson(Rows[0]));
        Assert.Equal("""{"id":"bad.txt","label":null,"p_fake":null,"kind":null,"threshold":null,"tokens":null,"chunks":null,"model":"m@1","error":"binary: the file contains NUL bytes"}""", RowFormatter.ToJson(Rows[2]));
        Assert.Equal("plain,fake,0.876543,,,12,1,m@1,", RowFormatter.ToCsv(Rows[0]));
        Assert.Equal("bad.txt,,,,,,,m@1,binary: the file contains NUL bytes", RowFormatter.ToCsv(Rows[2]));
    }

    [Fact]
    public async Task Resume_drops_a_partial_last_line_and_appends_after_the_last_whole_row()
    {
        using var temp = new TempFolder();
        var path = temp.File("out.jsonl", RowFormatter.ToJson(Rows[0]) + "\n{\"id\":\"half");
        var notes = new List<string>();

        await using (var file = ResultFile.Open(path, OutputFormat.Jsonl, resume: true, notes.Add))
        {
            Assert.Equal(["plain"], file.DoneIds);
            await file.WriteAsync(Rows[2]);
        }

        Assert.Equal([RowFormatter.ToJson(Rows[0]), RowFormatter.ToJson(Rows[2])], File.ReadAllLines(path));
        Assert.Single(notes);
    }

    [Fact]
    public void Resume_of_a_jsonl_file_with_a_foreign_line_names_the_line()
    {
        using var temp = new TempFolder();
        var path = temp.File("out.jsonl", RowFormatter.ToJson(Rows[0]) + "\n[1, 2]\n");
        var error = Assert.Throws<InvalidDataException>(() => ResultFile.Open(path, OutputFormat.Jsonl, resume: true, _ => { }));
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("out.csv", null, "Csv")]
    [InlineData("OUT.CSV", null, "Csv")]
    [InlineData("out.jsonl", null, "Jsonl")]
    [InlineData("out.txt", null, "Jsonl")]
    [InlineData("out.csv", "jsonl", "Jsonl")]
    [InlineData("out.jsonl", "CSV", "Csv")]
    public void Format_follows_the_option_else_the_extension(string path, string? option, string expected) =>
        Assert.Equal(Enum.Parse<OutputFormat>(expected), OutputFormats.Choose(path, option));
}

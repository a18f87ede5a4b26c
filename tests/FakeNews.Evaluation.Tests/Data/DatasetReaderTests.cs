using System.Security.Cryptography;
using FakeNews.Evaluation.Data;

namespace FakeNews.Evaluation.Tests.Data;

public sealed class DatasetReaderTests
{
    [Fact]
    public void Liar_lines_keep_the_six_way_label_and_map_it_to_fake_or_real()
    {
        var data = DatasetReader.Read(TestPaths.Good("claims.tsv"), DataFormat.Liar);

        Assert.Equal(60, data.Examples.Count);
        Assert.All(data.Examples, e => Assert.Equal(
            e.Keys[SliceKeyNames.SixWayLabel] is "pants-fire" or "false" or "barely-true", e.IsFake));
        Assert.Equal(["pants-fire", "false", "barely-true", "half-true", "mostly-true", "true"], data.Examples.Take(6).Select(e => e.Keys["six_way_label"]));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(TestPaths.Good("claims.tsv")))), data.Sha256);
    }

    [Fact]
    public void Liar_splits_on_tabs_only_so_a_leading_quote_stays_in_the_statement()
    {
        var first = DatasetReader.Read(TestPaths.Good("claims.tsv"), DataFormat.Liar).Examples[0];

        Assert.StartsWith("\"", first.Text, StringComparison.Ordinal);
        Assert.Equal("1000.json", first.Id);
        Assert.Equal(1, first.Line);
        Assert.Equal("jane-doe", first.Metadata!.Speaker);
        Assert.Equal("Official", first.Metadata.Job);
        Assert.Equal("a speech", first.Keys["context"]);
        Assert.False(first.Keys.ContainsKey("job"));
    }

    [Fact]
    public void Metadata_reaches_the_model_input_only_when_asked()
    {
        var first = DatasetReader.Read(TestPaths.Good("claims.tsv"), DataFormat.Liar).Examples[1];

        Assert.Equal(first.Text, first.ToRequest(useMetadata: false).ModelInput());
        Assert.StartsWith("speaker: john-roe | job: Official | party: republican | state: Texas | subject: education | context: a TV ad | claim: Says",
            first.ToRequest(useMetadata: true).ModelInput(), StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_reads_quoted_multiline_text_and_keeps_extra_columns_as_slice_keys()
    {
        var data = DatasetReader.Read(TestPaths.Good("articles.csv"), DataFormat.Csv);

        Assert.Equal(12, data.Examples.Count);
        var a0 = data.Examples[0];
        Assert.Equal("a0", a0.Id);
        Assert.False(a0.IsFake);
        Assert.Equal("Headline 0", a0.Title);
        Assert.Equal("Paragraph one of story 0, with a comma.\nParagraph two says \"quoted\" words.", a0.Text);
        Assert.Equal(new Dictionary<string, string> { ["source_dataset"] = "set-a", ["topic"] = "health" }, a0.Keys);
        Assert.Equal(4, data.Examples[1].Line); // records span two lines each
        Assert.Null(a0.Metadata);
    }

    [Fact]
    public void Jsonl_reads_numbers_as_ids_any_label_case_and_nested_metadata()
    {
        var data = DatasetReader.Read(TestPaths.Good("posts.jsonl"), DataFormat.Jsonl);

        Assert.Equal(6, data.Examples.Count);
        Assert.Equal("1", data.Examples[0].Id);
        Assert.True(data.Examples[1].IsFake);
        Assert.Equal("user1", data.Examples[1].Metadata!.Speaker);
        Assert.Equal("covid", data.Examples[1].Keys["source_dataset"]);
        Assert.Equal(5, data.Examples[3].Line); // the blank line 4 is skipped but counted
    }
}

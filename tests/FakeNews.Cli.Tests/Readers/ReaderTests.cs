using FakeNews.Cli.Readers;

namespace FakeNews.Cli.Tests.Readers;

public sealed class ReaderTests
{
    private static List<InputItem> Read(string path) => new InputCatalog(_ => { }).Read(path).ToList();

    [Fact]
    public void Text_file_is_one_item_with_the_whole_trimmed_text_and_the_path_as_id()
    {
        var path = TestPaths.Good("plain.txt");
        var item = Assert.Single(Read(path));
        Assert.Equal(path, item.Id);
        Assert.Null(item.Title);
        Assert.Null(item.Error);
        Assert.Equal(
            "The city council approved the new budget on Tuesday after a three-hour debate.\n\nFunding for public libraries rises by four percent.",
            item.Text);
    }

    [Fact]
    public void Markdown_leading_heading_becomes_the_title_and_the_rest_stays_markdown()
    {
        var item = Assert.Single(Read(TestPaths.Good("titled.md")));
        Assert.Equal("Miracle cure found in kitchen spice", item.Title);
        Assert.StartsWith("Doctors **hate** this one trick", item.Text, StringComparison.Ordinal);
        Assert.EndsWith("- claim one\n- claim two", item.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_without_a_level_one_heading_has_no_title()
    {
        var item = Assert.Single(Read(TestPaths.Good("untitled.md")));
        Assert.Null(item.Title);
        Assert.StartsWith("## Not a title", item.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_article_text_is_extracted_without_navigation_scripts_forms_or_footer()
    {
        var item = Assert.Single(Read(TestPaths.Good("article.html")));
        Assert.Equal("Senate passes infrastructure bill", item.Title);
        Assert.Equal(
            "The Senate passed the bill on Friday by a vote of 69 to 30.\n\n" +
            "The package includes funding for roads, bridges and broadband.\n\n" +
            "Roads: $110 billion\n\nBroadband: $65 billion",
            item.Text);
    }

    [Fact]
    public void Html_without_article_uses_main_and_the_title_tag()
    {
        var item = Assert.Single(Read(TestPaths.Good("no-article.htm")));
        Assert.Equal("Only a title tag", item.Title);
        Assert.Equal("First paragraph of the main text.\n\nSecond\n\nline.", item.Text);
    }

    [Fact]
    public void Json_object_keeps_its_id_title_and_top_level_metadata()
    {
        var item = Assert.Single(Read(TestPaths.Good("single.json")));
        Assert.Equal("claim-42", item.Id);
        Assert.Equal("A headline", item.Title);
        Assert.Equal("Says the unemployment rate doubled last year.", item.Text);
        Assert.Equal("jane-doe", item.Metadata!.Speaker);
        Assert.Equal("independent", item.Metadata.Party);
        Assert.Null(item.Metadata.State);
    }

    [Fact]
    public void Json_array_items_get_given_ids_or_path_and_index_and_nested_metadata()
    {
        var path = TestPaths.Good("array.json");
        var items = Read(path);
        Assert.Equal(3, items.Count);
        Assert.Equal("7", items[0].Id);
        Assert.Null(items[0].Metadata);
        Assert.Equal($"{path}#2", items[1].Id);
        Assert.Equal(new Core.Classification.ArticleMetadata(Speaker: "john-roe", Subject: "economy", Context: "a tweet"), items[1].Metadata);
        Assert.Equal("x", items[2].Id);
        Assert.StartsWith("malformed:", items[2].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Jsonl_bad_lines_become_error_rows_with_their_line_number_and_the_rest_continues()
    {
        var path = TestPaths.Good("lines.jsonl");
        var items = Read(path);
        Assert.Equal(["a", $"{path}#3", $"{path}#4", $"{path}#5", "e"], items.Select(i => i.Id));
        Assert.Equal("First claim.", items[0].Text);
        Assert.Equal("Texas", items[1].Metadata!.State);
        Assert.StartsWith("malformed: line 4 is not valid JSON", items[2].Error, StringComparison.Ordinal);
        Assert.StartsWith("malformed: expected a JSON object", items[3].Error, StringComparison.Ordinal);
        Assert.Equal("Last claim after bad lines.", items[4].Text);
    }

    [Fact]
    public void Csv_handles_quotes_embedded_newlines_defaults_ids_to_row_numbers_and_flags_bad_rows()
    {
        var path = TestPaths.Good("table.csv");
        var items = Read(path);
        Assert.Equal(["1", $"{path}#2", "3", "4"], items.Select(i => i.Id));
        Assert.Equal("Headline one", items[0].Title);
        Assert.Equal("A claim with a comma, and \"quotes\".", items[0].Text);
        Assert.Equal(new Core.Classification.ArticleMetadata(Speaker: "alice", Job: "mayor"), items[0].Metadata);
        Assert.Equal("A claim\r\nacross two lines.", items[1].Text);
        Assert.Null(items[1].Metadata);
        Assert.StartsWith("malformed: the record on line 5 has 3 fields, the header has 5", items[2].Error, StringComparison.Ordinal);
        Assert.StartsWith("empty:", items[3].Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("empty.txt", "empty")]
    [InlineData("whitespace.md", "empty")]
    [InlineData("nul-bytes.txt", "binary")]
    [InlineData("invalid-utf8.txt", "binary")]
    [InlineData("truncated.json", "malformed")]
    [InlineData("no-text.json", "malformed")]
    [InlineData("not-an-object.json", "malformed")]
    [InlineData("empty-array.json", "empty")]
    [InlineData("no-text-column.csv", "malformed")]
    [InlineData("unclosed-quote.csv", "malformed")]
    [InlineData("header-only.csv", "empty")]
    [InlineData("blank-lines.jsonl", "empty")]
    [InlineData("no-main-text.html", "empty")]
    public void Bad_input_file_becomes_a_single_error_item_of_the_right_kind(string file, string kind)
    {
        var item = Assert.Single(Read(TestPaths.Bad(file)));
        Assert.Null(item.Text);
        Assert.StartsWith(kind + ": ", item.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Oversized_file_is_an_error_item_and_is_not_read()
    {
        using var temp = new TempFolder();
        var path = temp.File("big.txt");
        File.WriteAllText(path, new string('a', (int)InputFile.MaxBytes + 1));
        var item = Assert.Single(Read(path));
        Assert.StartsWith("oversized: 2097153 bytes is over the 2097152 byte limit", item.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Collection_files_may_exceed_the_document_limit_but_each_text_is_limited()
    {
        using var temp = new TempFolder();
        var path = temp.File("many.jsonl");
        var shortLine = "{\"text\": \"" + new string('a', 1000) + "\"}\n";
        var lines = Enumerable.Repeat(shortLine, 2500).Append("{\"id\": \"huge\", \"text\": \"" + new string('b', InputFile.MaxItemChars + 1) + "\"}\n");
        File.WriteAllText(path, string.Concat(lines));
        Assert.True(new FileInfo(path).Length > InputFile.MaxBytes);

        var items = Read(path);

        Assert.Equal(2501, items.Count);
        Assert.All(items.Take(2500), item => Assert.Null(item.Error));
        Assert.Equal("huge", items[^1].Id);
        Assert.StartsWith("oversized: 2097153 characters is over the 2097152 character limit", items[^1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void File_at_exactly_the_size_limit_is_read()
    {
        using var temp = new TempFolder();
        var path = temp.File("limit.txt");
        File.WriteAllText(path, new string('a', (int)InputFile.MaxBytes));
        Assert.Null(Assert.Single(Read(path)).Error);
    }

    [Fact]
    public void Missing_file_is_an_unreadable_error_item()
    {
        var item = Assert.Single(Read("/no/such/file.txt"));
        Assert.Equal("/no/such/file.txt", item.Id);
        Assert.StartsWith("unreadable: ", item.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf8_byte_order_mark_is_removed()
    {
        using var temp = new TempFolder();
        var path = temp.File("bom.txt");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, (byte)'h', (byte)'i']);
        Assert.Equal("hi", Assert.Single(Read(path)).Text);
    }

    [Fact]
    public void Folders_are_walked_recursively_in_sorted_order_and_unknown_types_are_noted()
    {
        using var temp = new TempFolder();
        temp.File("b.txt", "b");
        temp.File("a/z.md", "z");
        temp.File("a/y.csv", "text\ny");
        temp.File("c.pdf", "%PDF");
        var notes = new List<string>();
        var catalog = new InputCatalog(notes.Add);
        var root = temp.Path + "/";
        var ids = catalog.Items([root]).Select(i => i.Id).ToList();
        Assert.Equal([root + "a/y.csv#1", root + "a/z.md", root + "b.txt"], ids);
        Assert.Equal([$"skipping '{root}c.pdf': unsupported file type"], notes);
    }
}

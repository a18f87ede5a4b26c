using FakeNews.Core.Data;
using FakeNews.Evaluation.Data;

namespace FakeNews.Evaluation.Tests.Data;

public sealed class BadInputTests
{
    [Theory]
    [InlineData("liar-ragged-row.tsv", 2, "expected 14 tab-separated columns, found 13")]
    [InlineData("liar-unknown-label.tsv", 1, "unknown label 'very-true' (expected one of pants-fire, false, barely-true, half-true, mostly-true, true)")]
    [InlineData("liar-empty-statement.tsv", 3, "empty statement (column 3)")]
    [InlineData("liar-bad-count.tsv", 2, "credit-history count 'x' (column 10) is not a number")]
    [InlineData("liar-duplicate-id.tsv", 2, "duplicate id '1.json' (first on line 1)")]
    [InlineData("liar-not-utf8.tsv", 0, "the file is not valid UTF-8")]
    [InlineData("csv-missing-label-column.csv", 1, "missing column 'label' in the header (columns: id,text)")]
    [InlineData("csv-unknown-label.csv", 3, "unknown label 'satire' (expected fake or real)")]
    [InlineData("csv-empty-text.csv", 3, "empty text")]
    [InlineData("csv-ragged-row.csv", 3, "ragged row: 5 fields, the header has 4")]
    [InlineData("csv-unclosed-quote.csv", 3, "a quoted field is not closed")]
    [InlineData("csv-duplicate-id.csv", 3, "duplicate id '1' (first on line 2)")]
    [InlineData("csv-empty-id.csv", 3, "empty id")]
    [InlineData("csv-header-only.csv", 0, "the file holds no examples")]
    [InlineData("csv-empty-file.csv", 0, "the file is empty (no header row)")]
    [InlineData("jsonl-invalid-json.jsonl", 2, "invalid JSON")]
    [InlineData("jsonl-missing-label.jsonl", 3, "missing field 'label'")]
    [InlineData("jsonl-unknown-label.jsonl", 1, "unknown label 'mostly-fake' (expected fake or real)")]
    [InlineData("jsonl-empty-text.jsonl", 1, "empty text")]
    [InlineData("jsonl-not-an-object.jsonl", 2, "expected a JSON object, found array")]
    [InlineData("jsonl-text-not-a-string.jsonl", 1, "field 'text' must be a string, found object")]
    public void Bad_input_fails_with_its_line_and_reason(string file, int line, string reason)
    {
        var path = TestPaths.Bad(file);
        var format = DataFormats.Resolve(path, null);

        var error = Assert.Throws<DataFormatException>(() => DatasetReader.Read(path, format));

        Assert.Equal(line, error.Line);
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
        Assert.StartsWith(line > 0 ? $"{path}:{line}: {reason}" : $"{path}: {reason}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_fixture_file_is_covered_by_the_theory()
    {
        var covered = typeof(BadInputTests).GetMethod(nameof(Bad_input_fails_with_its_line_and_reason))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => (string)a.GetData(null!).First()[0]).ToHashSet();
        var files = Directory.GetFiles(Path.GetDirectoryName(TestPaths.Bad("x"))!).Select(Path.GetFileName).ToHashSet();

        Assert.Equal(files.Order(), covered.Order());
    }

    [Theory]
    [InlineData("a.tsv", null, DataFormat.Liar)]
    [InlineData("a.TSV", null, DataFormat.Liar)]
    [InlineData("a.csv", null, DataFormat.Csv)]
    [InlineData("a.jsonl", null, DataFormat.Jsonl)]
    [InlineData("a.txt", "liar", DataFormat.Liar)]
    [InlineData("a.tsv", "csv", DataFormat.Csv)]
    public void Format_comes_from_the_option_else_the_extension(string path, string? name, DataFormat expected)
    {
        Assert.Equal(expected, DataFormats.Resolve(path, name));
    }

    [Fact]
    public void An_unknown_extension_asks_for_the_format_option()
    {
        var error = Assert.Throws<ArgumentException>(() => DataFormats.Resolve("data.txt", null));

        Assert.Contains("--format liar|csv|jsonl", error.Message, StringComparison.Ordinal);
    }
}

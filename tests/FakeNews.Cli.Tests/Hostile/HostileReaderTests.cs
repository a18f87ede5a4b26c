using System.Diagnostics;
using System.Text;
using FakeNews.Cli.Readers;

namespace FakeNews.Cli.Tests.Hostile;

public sealed class HostileReaderTests
{
    private static List<InputItem> Read(string path) => new InputCatalog(_ => { }).Read(path).ToList();

    [Fact]
    public void Escaped_lone_surrogate_in_a_jsonl_line_is_an_error_row_and_the_other_lines_are_read()
    {
        using var temp = new TempFolder();
        var path = temp.File("claims.jsonl", "{\"text\": \"first\"}\n{\"text\": \"\\ud800\"}\n{\"id\": \"\\udc00\", \"text\": \"x\"}\n{\"text\": \"last\"}\n");

        var items = Read(path);

        Assert.Equal(4, items.Count);
        Assert.Equal("first", items[0].Text);
        Assert.StartsWith("malformed: ", items[1].Error, StringComparison.Ordinal);
        Assert.StartsWith("malformed: ", items[2].Error, StringComparison.Ordinal);
        Assert.Equal("last", items[3].Text);
    }

    [Fact]
    public void Escaped_lone_surrogate_in_a_json_array_is_an_error_row_and_the_other_records_are_read()
    {
        using var temp = new TempFolder();
        var path = temp.File("claims.json", "[{\"text\": \"first\"}, {\"text\": \"a\\ud800b\", \"title\": \"t\"}, {\"text\": \"ok\", \"speaker\": \"\\udfff\"}]");

        var items = Read(path);

        Assert.Equal(3, items.Count);
        Assert.Equal("first", items[0].Text);
        Assert.StartsWith("malformed: ", items[1].Error, StringComparison.Ordinal);
        Assert.StartsWith("malformed: ", items[2].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Symlinked_folder_loop_is_walked_once_with_a_note()
    {
        using var temp = new TempFolder();
        temp.File("root/a.txt", "text");
        Directory.CreateSymbolicLink(Path.Combine(temp.Path, "root", "loop"), Path.Combine(temp.Path, "root"));
        var notes = new List<string>();

        var files = new InputCatalog(notes.Add).Files([Path.Combine(temp.Path, "root")]).Take(50).ToList();

        Assert.Single(files);
        Assert.Contains(notes, n => n.Contains("already walked", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_links_to_one_folder_give_its_files_once()
    {
        using var temp = new TempFolder();
        temp.File("root/real/a.txt", "text");
        Directory.CreateSymbolicLink(Path.Combine(temp.Path, "root", "z-link"), Path.Combine(temp.Path, "root", "real"));

        var files = new InputCatalog(_ => { }).Files([Path.Combine(temp.Path, "root")]).ToList();

        Assert.Single(files);
    }

    [Fact]
    public async Task Fifo_named_txt_is_an_error_row_and_does_not_hang()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var temp = new TempFolder();
        var fifo = Path.Combine(temp.Path, "pipe.txt");
        using (var mkfifo = Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
        }

        var items = await Task.Run(() => Read(fifo)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith("unreadable: ", Assert.Single(items).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Symlink_to_an_endless_device_is_an_error_row_and_not_read_into_memory()
    {
        if (!File.Exists("/dev/zero"))
        {
            return;
        }

        using var temp = new TempFolder();
        var link = Path.Combine(temp.Path, "zero.json");
        File.CreateSymbolicLink(link, "/dev/zero");

        var items = await Task.Run(() => Read(link)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith("unreadable: ", Assert.Single(items).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Endless_device_given_directly_is_refused_without_reading_it()
    {
        if (!File.Exists("/dev/zero"))
        {
            return;
        }

        var text = InputFile.TryReadText("/dev/zero", 1024, out var error);

        Assert.Null(text);
        Assert.StartsWith("unreadable: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deeply_nested_html_is_an_error_row_in_bounded_time()
    {
        using var temp = new TempFolder();
        const int depth = 50_000;
        var html = new StringBuilder("<html><body><p>Top paragraph.</p>");
        html.Insert(html.Length, "<div>", depth).Append("deep text").Insert(html.Length, "</div>", depth).Append("</body></html>");
        var path = temp.File("deep.html", html.ToString());

        var items = await Task.Run(() => Read(path)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.StartsWith("malformed: ", Assert.Single(items).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_nested_a_few_hundred_deep_is_still_read()
    {
        var html = new StringBuilder("<html><body><p>Top paragraph.</p>");
        html.Insert(html.Length, "<div>", 300).Append("deep text").Insert(html.Length, "</div>", 300).Append("</body></html>");

        var (_, body) = HtmlReader.Extract(html.ToString());

        Assert.Equal("Top paragraph.\n\ndeep text", body);
    }

    [Fact]
    public void Nested_articles_are_measured_in_linear_allocation()
    {
        const int articles = 400;
        var html = new StringBuilder("<html><body>");
        html.Insert(html.Length, "<article><p>x</p>", articles)
            .Append("<p>").Append(string.Join(' ', Enumerable.Repeat("words of the innermost article", 20_000))).Append("</p>")
            .Insert(html.Length, "</article>", articles).Append("</body></html>");
        var source = html.ToString();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var (_, body) = HtmlReader.Extract(source);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("innermost article", body, StringComparison.Ordinal);
        Assert.True(allocated < 40L * source.Length, $"allocated {allocated} bytes for a {source.Length} character page");
    }
}

using System.Text.Encodings.Web;
using System.Text.Json;
using FakeNews.Cli.Readers;

namespace FakeNews.Cli.Tests.Readers;

/// <summary>
/// The title and text the HTML reader extracts from the pages the browser extension is tested on, approved in
/// tests/fixtures/pages/page-text.json. The extension's tests hold its in-browser extraction to that file, so the
/// extension and <c>fakenews score page.html</c> read a page alike without the extension's tests running the CLI.
/// </summary>
public sealed class PageTextTests
{
    private static readonly JsonSerializerOptions Written = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Folder => Path.Combine(TestPaths.RepositoryRoot, "tests", "fixtures", "pages");

    [Fact]
    public async Task Html_reader_extracts_the_approved_title_and_text_of_each_extension_test_page()
    {
        var approvedPath = Path.Combine(Folder, "page-text.json");
        var receivedPath = Path.Combine(Folder, "page-text.received.json");
        var pages = new[] { Path.Combine(Folder, "moon-base-leak.html"), Path.Combine(Folder, "edge-cases.html"), Path.Combine(TestPaths.RepositoryRoot, "samples", "articles", "school-lunch.html") };
        var received = new SortedDictionary<string, PageText>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            var (title, text) = HtmlReader.Extract(await File.ReadAllTextAsync(page));
            received[Path.GetFileName(page)] = new PageText(title, text);
        }

        var json = JsonSerializer.Serialize(received, Written) + "\n";
        var approved = File.Exists(approvedPath) ? await File.ReadAllTextAsync(approvedPath) : null;
        if (approved != json)
        {
            await File.WriteAllTextAsync(receivedPath, json);
        }

        Assert.True(approved == json, $"the HTML reader's page text differs from {approvedPath}: compare {receivedPath} with it and, if the change is meant, rename it over the approved file (the extension must then read pages the same way)");
    }

    private sealed record PageText(string? Title, string Text);
}

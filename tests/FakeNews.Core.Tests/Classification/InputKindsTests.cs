using System.Text.Json;
using FakeNews.Core.Classification;
using FakeNews.Core.Tests.Tokenization;

namespace FakeNews.Core.Tests.Classification;

public sealed class InputKindsTests
{
    public static TheoryData<int> FixtureCases()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < LoadCases().Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FixtureCases))]
    public void Kind_matches_the_fixture_shared_with_the_training_scripts(int index)
    {
        var (text, title, metadata, expected) = LoadCases()[index];

        var kind = InputKinds.Derive(text, title, metadata);

        Assert.Equal(expected, InputKinds.Name(kind));
    }

    [Fact]
    public void Every_kind_has_a_name_that_parses_back()
    {
        foreach (var kind in Enum.GetValues<InputKind>())
        {
            Assert.True(InputKinds.TryParse(InputKinds.Name(kind), out var parsed));
            Assert.Equal(kind, parsed);
        }

        Assert.False(InputKinds.TryParse("Claim", out _));
        Assert.False(InputKinds.TryParse(null, out _));
    }

    [Fact]
    public void Words_are_runs_of_non_whitespace_including_unicode_spaces()
    {
        Assert.Equal(4, InputKinds.WordCount("a\u00a0b\u2003c  d\n"));
        Assert.Equal(0, InputKinds.WordCount("   "));
    }

    [Fact]
    public void A_request_with_a_title_is_an_article_and_with_metadata_a_claim()
    {
        Assert.Equal(InputKind.Article, InputKinds.Derive(new ClassificationRequest("Short body.", "A title")));
        Assert.Equal(InputKind.Claim, InputKinds.Derive(new ClassificationRequest("Short body.", "A title", new ArticleMetadata("jane roe"))));
    }

    private static List<(string Text, string? Title, ArticleMetadata? Metadata, string Kind)> LoadCases()
    {
        var path = Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "input-kinds.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var cases = new List<(string, string?, ArticleMetadata?, string)>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var title = item.TryGetProperty("title", out var t) ? t.GetString() : null;
            ArticleMetadata? metadata = null;
            if (item.TryGetProperty("metadata", out var m))
            {
                var values = m.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
                metadata = new ArticleMetadata(Get(values, "speaker"), Get(values, "job"), Get(values, "party"), Get(values, "state"), Get(values, "subject"), Get(values, "context"));
            }

            cases.Add((item.GetProperty("text").GetString()!, title, metadata, item.GetProperty("kind").GetString()!));
        }

        return cases;
    }

    private static string? Get(Dictionary<string, string?> values, string key) => values.TryGetValue(key, out var value) ? value : null;
}

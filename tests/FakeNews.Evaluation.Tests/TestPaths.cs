namespace FakeNews.Evaluation.Tests;

/// <summary>Locations of the committed fixtures, found from the test binaries.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FakeNews.Testing.RepositoryRoot.Find();

    /// <summary>The tiny DistilBERT-style fixture model (random weights; a test fixture, not a classifier).</summary>
    public static string TinyModel => Path.Combine(RepositoryRoot, "tests", "fixtures", "tiny-distilbert");

    /// <summary>The tiny BERT-style fixture model (token_type_ids too).</summary>
    public static string TinyBertModel => Path.Combine(RepositoryRoot, "tests", "fixtures", "tiny-bert");

    public static string Good(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "good", name);

    public static string Bad(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "bad", name);
}

/// <summary>A temporary folder deleted at dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fakenews-eval-tests-" + Guid.NewGuid().ToString("N")[..12]);

    public TempFolder() => Directory.CreateDirectory(Path);

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

namespace FakeNews.Cli.Tests;

/// <summary>Locations of the committed fixtures, found from the test binaries.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FakeNews.Testing.RepositoryRoot.Find();

    /// <summary>The tiny DistilBERT-style fixture model (random weights; a test fixture, not a classifier).</summary>
    public static string TinyModel => Path.Combine(RepositoryRoot, "tests", "fixtures", "tiny-distilbert");

    public static string Good(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "good", name);

    public static string Bad(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "bad", name);

    /// <summary>The tiny BERT-style fixture model (token_type_ids too).</summary>
    public static string TinyBertModel => Path.Combine(RepositoryRoot, "tests", "fixtures", "tiny-bert");

    /// <summary>A data set of the evaluation tests (tests/FakeNews.Evaluation.Tests/Fixtures), linked by the project file.</summary>
    public static string Eval(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "eval", name);

    /// <summary>A LIAR fixture of the baseline tests (tests/FakeNews.Baseline.Tests/Fixtures), linked by the project file.</summary>
    public static string Baseline(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "baseline", name);
}

/// <summary>A temporary folder deleted at dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fakenews-cli-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public string File(string relative, string? content = null)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        if (content is not null)
        {
            System.IO.File.WriteAllText(full, content);
        }

        return full;
    }

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

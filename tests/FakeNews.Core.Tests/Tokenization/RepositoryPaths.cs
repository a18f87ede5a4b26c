namespace FakeNews.Core.Tests.Tokenization;

/// <summary>Files the tokenizer tests use, resolved from the repository root (the folder with FakeNews.Onnx.sln).</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> s_root = new(() => FakeNews.Testing.RepositoryRoot.Find(Directory.GetCurrentDirectory(), AppContext.BaseDirectory));

    public static string Root => s_root.Value;

    public static string MiniLmVocab => Path.Combine(Root, "artifacts", "pretrained", "all-MiniLM-L6-v2", "vocab.txt");

    public static string TinyDistilBertVocab => Path.Combine(Root, "tests", "fixtures", "tiny-distilbert", "vocab.txt");

    public static string ReferenceTokenizer => Path.Combine(Root, "tests", "reference-tokenizer");

    public static string AdversarialCorpus => Path.Combine(Root, "tests", "fixtures", "tokenizer", "adversarial.jsonl");

    public static string UnicodeTable => Path.Combine(Root, "src", "FakeNews.Core", "Tokenization", "BertUnicode.Data.g.cs");

    public static string Data => FakeNews.Testing.DataFolder.Path;

    /// <summary>The MiniLM vocabulary, or a failure that says how to produce it (the test must not pass without it).</summary>
    public static string RequireMiniLmVocab()
    {
        Assert.True(File.Exists(MiniLmVocab),
            $"{MiniLmVocab} is missing: run `make pretrained` (or `dotnet run --project scripts/extract-pretrained -- artifacts/pretrained/all-MiniLM-L6-v2`).");
        return MiniLmVocab;
    }

    public static string RequireTinyVocab()
    {
        Assert.True(File.Exists(TinyDistilBertVocab), $"{TinyDistilBertVocab} is missing: it is a committed fixture.");
        return TinyDistilBertVocab;
    }
}

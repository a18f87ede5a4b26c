namespace FakeNews.Testing;

/// <summary>
/// The data sets' folder for tests: <c>$FAKENEWS_DATA</c> when set, else <c>../shared/data</c> beside the repository.
/// Tests that read it skip, with <see cref="MissingMessage"/>, when it is absent; compiled into every project under
/// tests/ by tests/Directory.Build.props.
/// </summary>
internal static class DataFolder
{
    /// <summary>The environment variable that points at another data folder.</summary>
    public const string Variable = "FAKENEWS_DATA";

    /// <summary>The folder, whether or not it exists.</summary>
    public static string Path => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } set
        ? System.IO.Path.GetFullPath(set)
        : System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot.Find(), "..", "shared", "data"));

    /// <summary>Whether the folder holds the LIAR split files.</summary>
    public static bool HasLiar => File.Exists(System.IO.Path.Combine(Path, "liar", "train.tsv"));

    /// <summary>Says where the data go (the skip reason of the tests that need them).</summary>
    public static string MissingMessage =>
        $"the data sets are not at {Path}: put LIAR (liar/train.tsv, liar/valid.tsv) and the article sets (articles/*.csv) "
        + $"there, in ../shared/data beside the repository, or set {Variable} to their folder";
}

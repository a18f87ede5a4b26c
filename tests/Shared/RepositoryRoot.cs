namespace FakeNews.Testing;

/// <summary>
/// Finds the repository root (the folder holding FakeNews.Onnx.sln) for tests, benchmarks and the load generator,
/// which read committed fixtures, the models and ../shared/data from it. Compiled into every project under tests/
/// by tests/Directory.Build.props.
/// </summary>
internal static class RepositoryRoot
{
    /// <summary>
    /// Walks up from each start folder in turn (by default the test binaries' folder) and returns the first folder
    /// that holds FakeNews.Onnx.sln.
    /// </summary>
    public static string Find(params string[] starts)
    {
        if (starts.Length == 0)
        {
            starts = [AppContext.BaseDirectory];
        }

        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "FakeNews.Onnx.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException(
            $"FakeNews.Onnx.sln not found above {string.Join(" or ", starts)}: run from inside the FakeNews.Onnx repository.");
    }
}

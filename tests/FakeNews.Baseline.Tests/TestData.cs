using FakeNews.Core.Data;

namespace FakeNews.Baseline.Tests;

internal static class TestData
{
    public static string TrainPath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "liar-train.tsv");

    public static string ValidPath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "liar-valid.tsv");

    public static IReadOnlyList<LiarRow> Train { get; } = LiarTsv.Read(TrainPath);

    public static IReadOnlyList<LiarRow> Valid { get; } = LiarTsv.Read(ValidPath);

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "fakenews-baseline-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}

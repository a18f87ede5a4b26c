using System.Globalization;
using System.Text.Json;
using Snapshooter.Xunit;

namespace FakeNews.Cli.Tests.Predictions;

/// <summary>
/// The default model's verdicts on the project-written samples (samples/claims.csv and samples/articles: claims, posts
/// and article-length texts in every input format), scored through the CLI exactly as <c>make run</c> does.
/// A change of model, tokenizer, windowing or calibration shows up here as a snapshot diff to approve.
/// </summary>
public sealed class SamplePredictionSnapshotTests
{
    private static readonly string DefaultModel = Path.Combine(TestPaths.RepositoryRoot, "models", "minilm-news-v2");

    [Fact]
    public async Task Default_model_verdicts_on_the_sample_claims_and_articles_match_the_approved_snapshot()
    {
        using var temp = new TempFolder();
        var output = Path.Combine(temp.Path, "samples.jsonl");
        var samples = Path.Combine(TestPaths.RepositoryRoot, "samples");

        // fp32 on CPU: the reference precision, identical on every x86-64 machine to the 4 decimals kept here.
        var run = await CliRun.RunAsync(
            "score", Path.Combine(samples, "claims.csv"), Path.Combine(samples, "articles"),
            "--model", DefaultModel, "--device", "cpu", "--precision", "fp32", "--out", output);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var rows = File.ReadAllLines(output)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(row => new
            {
                Id = Portable(row.GetProperty("id").GetString()!),
                Label = row.GetProperty("label").GetString(),
                PFake = Math.Round(row.GetProperty("p_fake").GetDouble(), 4).ToString("0.0000", CultureInfo.InvariantCulture),
                Tokens = row.GetProperty("tokens").GetInt32(),
                Chunks = row.GetProperty("chunks").GetInt32(),
            })
            .ToList();

        Assert.True(rows.Count >= 30, $"expected at least 30 sample items, got {rows.Count}");
        Assert.Contains(rows, r => r.Chunks > 1);
        Snapshot.Match(rows);
    }

    /// <summary>File ids are absolute paths here; the snapshot keeps them relative to the repository.</summary>
    private static string Portable(string id) =>
        Path.IsPathRooted(id) ? Path.GetRelativePath(TestPaths.RepositoryRoot, id).Replace('\\', '/') : id;
}

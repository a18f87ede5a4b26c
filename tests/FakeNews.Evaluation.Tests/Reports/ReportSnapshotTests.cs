using FakeNews.Evaluation.Data;
using FakeNews.Evaluation.Reports;
using FakeNews.Inference;
using Snapshooter.Xunit;

namespace FakeNews.Evaluation.Tests.Reports;

public sealed class ReportSnapshotTests
{
    /// <summary>
    /// A fixture run end to end: the synthetic LIAR-format claims through the tiny model on CPU, then report.md.
    /// The approved file is __snapshots__/ReportSnapshotTests.Report_md_of_a_fixture_run_matches_the_approved_snapshot.snap;
    /// any change to the report fails here until the snapshot is re-approved (delete it, re-run, review, commit).
    /// </summary>
    [Fact]
    public async Task Report_md_of_a_fixture_run_matches_the_approved_snapshot()
    {
        var result = await FixtureRun.EvaluateAsync(TestPaths.TinyModel);

        Snapshot.Match(MarkdownReport.Render(result));
    }
}

/// <summary>Runs the real pipeline (FakeNewsClassifier on CPU) over the committed claims fixture.</summary>
internal static class FixtureRun
{
    public static async Task<EvaluationResult> EvaluateAsync(string model, bool metadata = false)
    {
        var dataset = DatasetReader.Read(TestPaths.Good("claims.tsv"), DataFormat.Liar);
        await using var classifier = await FakeNewsClassifier.CreateAsync(new ClassifierOptions { ModelDirectory = model, Device = ExecutionDevice.Cpu, Precision = ModelPrecision.Fp32 });
        var run = new ModelRunInfo(classifier.Model.Id, classifier.Model.Directory, classifier.Model.ExecutionProvider, classifier.Folder.Config.Threshold, metadata, classifier.Model.Precision);
        return await Evaluator.RunAsync(dataset with { Path = "claims.tsv" }, classifier, run, maxInFlight: 16);
    }
}

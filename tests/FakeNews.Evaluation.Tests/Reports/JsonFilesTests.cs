using FakeNews.Core.Classification;
using FakeNews.Core.Explanations;
using FakeNews.Evaluation.Comparison;
using FakeNews.Evaluation.Data;
using FakeNews.Evaluation.Explanations;
using FakeNews.Evaluation.Reports;
using FakeNews.Evaluation.Scoring;

namespace FakeNews.Evaluation.Tests.Reports;

/// <summary>
/// The JSON files of an eval and a compare folder, byte for byte against approved copies (Fixtures/approved-json)
/// written by the hand-written writers the records replaced.
/// </summary>
public sealed class JsonFilesTests
{
    private static string Approved(string folder, string file) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "approved-json", folder, file);

    [Theory]
    [InlineData("metrics.json")]
    [InlineData("predictions.jsonl")]
    [InlineData("slices.json")]
    [InlineData("errors.json")]
    [InlineData("influential_words.json")]
    public async Task Eval_folder_json_matches_the_approved_bytes(string file)
    {
        var result = await FixtureRun.EvaluateAsync(TestPaths.TinyModel, metadata: true);
        result = result with { Model = result.Model with { Directory = "tiny-distilbert" } };
        var verdict = new ClassificationResult("fake", 0.6f, new Dictionary<string, float>(), 3, [], "m@1", 1);
        var explanations = result.Predictions.ToDictionary(p => p.Example.Id, p => new Explanation(verdict, AttributionGranularity.Word,
            p.Example.Text.Split(' ').Select((w, i) => new Attribution(AttributionSources.Text, null, 0, w.Length, w, (i % 7 - 3) / 13f)).ToList()));
        var influence = InfluentialWords.Aggregate(result.Predictions.Select(p => p.Example).ToList(), explanations);
        using var folder = new TempFolder();

        await EvaluationOutput.WriteAsync(folder.Path, result, null, null, influence);

        Assert.Equal(await File.ReadAllBytesAsync(Approved("eval", file)), await File.ReadAllBytesAsync(folder.Combine(file)));
    }

    [Theory]
    [InlineData("comparison.json")]
    [InlineData("disagreements.jsonl")]
    public async Task Compare_folder_json_matches_the_approved_bytes(string file)
    {
        using var folder = new TempFolder();

        await ComparisonOutput.WriteAsync(folder.Path, Comparer.Compare(Folder("a", i => i % 5 == 0), Folder("b", i => i % 10 == 0 || i == 7)));

        Assert.Equal(await File.ReadAllBytesAsync(Approved("compare", file)), await File.ReadAllBytesAsync(folder.Combine(file)));
    }

    private static EvalFolder Folder(string model, Func<int, bool> wrong)
    {
        var predictions = Enumerable.Range(0, 30).Select(i =>
        {
            var isFake = i % 2 == 0;
            var predictedFake = wrong(i) ? !isFake : isFake;
            var example = new EvalExample(i + 2, $"x{i}", isFake, $"text é <{i}>", i % 3 == 0 ? "T\"" : null, null, new Dictionary<string, string> { ["party"] = i < 10 ? "p" : "q" });
            return new Prediction(example, predictedFake, predictedFake ? 0.8 + i / 1000.0 : 0.2 / 3, 4);
        });
        return new EvalFolder(model, new ModelRunInfo(model + "@1", model, "CPU", 0.5, false), new DataInfo("data.csv", new string('a', 64), "csv"), predictions.ToList());
    }
}

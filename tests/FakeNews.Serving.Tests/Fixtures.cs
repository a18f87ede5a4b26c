using FakeNews.Core.Data;
using FakeNews.Baseline.Serving;
using FakeNews.Baseline.Training;
using FakeNews.Inference;

namespace FakeNews.Serving.Tests;

/// <summary>Paths of the committed transformer fixture and of scratch folders.</summary>
internal static class Fixtures
{
    public static string TinyDistilBert { get; } = Path.Combine(FakeNews.Testing.RepositoryRoot.Find(), "tests", "fixtures", "tiny-distilbert");

    public static ClassifierOptions Options(string modelDirectory) => new() { ModelDirectory = modelDirectory, Device = ExecutionDevice.Cpu, IntraOpThreads = 1 };

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "fakenews-serving-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}

/// <summary>A small baseline trained on the LIAR fixtures and saved to a scratch folder, shared by the tests that serve it.</summary>
public sealed class BaselineFolder
{
    public BaselineFolder()
    {
        Valid = LiarTsv.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "liar-valid.tsv"));
        var train = LiarTsv.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "liar-train.tsv"));
        var options = new BaselineTrainerOptions { Seed = 5, ForestTrees = 10, BoostingRounds = 10, LearningRate = 0.2, MaxWordNgrams = 200, MaxCharNgrams = 200 };
        var run = BaselineTrainer.Train(train, Valid, options);
        Directory = Fixtures.TempDirectory();
        var config = new BaselineConfig { Name = "serving-fixture", Version = "0.0.1", Trainer = run.Best.Algorithm.ToString(), Threshold = 0.45f };
        BaselineModel.Save(Directory, config, run.Best, run.History);
    }

    public IReadOnlyList<LiarRow> Valid { get; }

    public string Directory { get; }
}

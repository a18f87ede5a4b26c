using FakeNews.Baseline.Serving;
using FakeNews.Baseline.Training;

namespace FakeNews.Baseline.Tests;

/// <summary>One small training run on the fixtures, saved to a temporary folder, shared by the tests that need it.</summary>
public sealed class TrainedFixture
{
    public TrainedFixture()
    {
        Options = new BaselineTrainerOptions { Seed = 5, ForestTrees = 20, BoostingRounds = 20, LearningRate = 0.2, MaxWordNgrams = 500, MaxCharNgrams = 500 };
        Run = BaselineTrainer.Train(TestData.Train, TestData.Valid, Options);
        Directory = TestData.TempDirectory();
        var config = new BaselineConfig { Name = "baseline-fixture", Version = "0.0.1", Trainer = Run.Best.Algorithm.ToString() };
        BaselineModel.Save(Directory, config, Run.Best, Run.History);
    }

    public BaselineTrainerOptions Options { get; }

    public TrainingRun Run { get; }

    public string Directory { get; }
}

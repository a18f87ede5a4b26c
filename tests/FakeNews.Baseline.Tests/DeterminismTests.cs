using FakeNews.Baseline.Training;

namespace FakeNews.Baseline.Tests;

public sealed class DeterminismTests
{
    [Theory]
    [InlineData(BaselineAlgorithm.FastForest)]
    [InlineData(BaselineAlgorithm.LightGbm)]
    public void Training_twice_with_the_same_seed_gives_the_same_probabilities(BaselineAlgorithm algorithm)
    {
        var options = new BaselineTrainerOptions { Seed = 9, ForestTrees = 10, BoostingRounds = 10, MaxWordNgrams = 300, MaxCharNgrams = 300 };
        var first = BaselineTrainer.TrainOne(TestData.Train, TestData.Valid, algorithm, HistorySource.LeakFree, options);
        var second = BaselineTrainer.TrainOne(TestData.Train, TestData.Valid, algorithm, HistorySource.LeakFree, options);
        Assert.Equal(first.ValidPFake, second.ValidPFake);
    }
}

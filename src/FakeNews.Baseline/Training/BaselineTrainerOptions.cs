namespace FakeNews.Baseline.Training;

/// <summary>Settings of <see cref="BaselineTrainer"/>.</summary>
public sealed class BaselineTrainerOptions
{
    /// <summary>Seed of the ML.NET context, the trainers and the fold split.</summary>
    public int Seed { get; init; } = 20240917;

    /// <summary>Folds for the out-of-fold speaker history of training rows (at least 2).</summary>
    public int Folds { get; init; } = 5;

    /// <summary>Trees in the FastForest.</summary>
    public int ForestTrees { get; init; } = 300;

    /// <summary>Boosting rounds of LightGBM.</summary>
    public int BoostingRounds { get; init; } = 300;

    /// <summary>LightGBM learning rate.</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>Most word 1-2-grams kept.</summary>
    public int MaxWordNgrams { get; init; } = 20_000;

    /// <summary>Most character 3-grams kept.</summary>
    public int MaxCharNgrams { get; init; } = 20_000;

    /// <summary>The trainers to try.</summary>
    public IReadOnlyList<BaselineAlgorithm> Algorithms { get; init; } = [BaselineAlgorithm.FastForest, BaselineAlgorithm.LightGbm];

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        Check(nameof(Folds), Folds, 2, 100);
        Check(nameof(ForestTrees), ForestTrees, 1, 100_000);
        Check(nameof(BoostingRounds), BoostingRounds, 1, 100_000);
        Check(nameof(MaxWordNgrams), MaxWordNgrams, 1, 10_000_000);
        Check(nameof(MaxCharNgrams), MaxCharNgrams, 1, 10_000_000);
        if (!(LearningRate is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, $"BaselineTrainerOptions.LearningRate is {LearningRate}; it must be in (0, 1].");
        }

        if (Algorithms.Count == 0)
        {
            throw new ArgumentException("BaselineTrainerOptions.Algorithms is empty; name at least one trainer.", nameof(Algorithms));
        }
    }

    private static void Check(string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"BaselineTrainerOptions.{name} is {value}; it must be between {min} and {max}.");
        }
    }
}

using FakeNews.Evaluation.Metrics;

namespace FakeNews.Evaluation.Tests.Metrics;

public sealed class RankingTests
{
    [Fact]
    public void Roc_auc_counts_a_tie_between_a_fake_and_a_real_as_one_half()
    {
        // Fakes .5 and .8, reals .5 and .2: (.5,.5) tie = 1/2, (.5,.2) = 1, (.8, both) = 2 -> 3.5 / 4.
        Assert.Equal(0.875, Ranking.RocAuc([true, false, true, false], [0.5, 0.5, 0.8, 0.2])!.Value, 1e-12);
    }

    [Fact]
    public void Roc_auc_of_all_equal_scores_is_one_half()
    {
        Assert.Equal(0.5, Ranking.RocAuc([true, false, true, false, false], [0.3, 0.3, 0.3, 0.3, 0.3])!.Value, 1e-12);
    }

    [Fact]
    public void Roc_auc_is_one_for_a_perfect_ranking_and_zero_for_a_reversed_one()
    {
        Assert.Equal(1.0, Ranking.RocAuc([true, true, false], [0.9, 0.8, 0.1])!.Value, 1e-12);
        Assert.Equal(0.0, Ranking.RocAuc([true, true, false], [0.1, 0.2, 0.9])!.Value, 1e-12);
    }

    [Fact]
    public void Roc_auc_equals_the_trapezoidal_area_under_the_roc_curve_with_heavy_ties()
    {
        var random = new Random(3);
        var truth = Enumerable.Range(0, 500).Select(_ => random.NextDouble() < 0.4).ToArray();
        var scores = truth.Select(t => Math.Round((t ? 0.15 : 0) + random.NextDouble(), 1)).ToArray(); // about 12 distinct values
        var curve = Ranking.RocCurve(truth, scores);
        var area = 0.0;
        for (var i = 1; i < curve.Count; i++)
        {
            area += (curve[i].Fpr - curve[i - 1].Fpr) * (curve[i].Tpr + curve[i - 1].Tpr) / 2;
        }

        Assert.Equal(area, Ranking.RocAuc(truth, scores)!.Value, 1e-12);
        Assert.Equal((1.0, 1.0), curve[^1]);
    }

    [Fact]
    public void Average_precision_enters_tied_scores_together()
    {
        // One threshold only: recall 0 -> 1 at precision 1/2.
        Assert.Equal(0.5, Ranking.AveragePrecision([true, false], [0.7, 0.7])!.Value, 1e-12);

        // Untied, the fake first: 1 x 1.
        Assert.Equal(1.0, Ranking.AveragePrecision([true, false], [0.8, 0.7])!.Value, 1e-12);
    }
}

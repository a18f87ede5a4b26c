using FakeNews.Evaluation.Metrics;

namespace FakeNews.Evaluation.Tests.Metrics;

public sealed class StatisticalTestsTests
{
    [Fact]
    public void Mcnemar_exact_p_doubles_the_smaller_binomial_tail()
    {
        // b = 1, c = 6: 2 x P(X <= 1 | 7, 1/2) = 2 x 8 / 128.
        var result = StatisticalTests.McNemar(1, 6);

        Assert.Equal(0.125, result.ExactP, 12);
        Assert.Equal(16.0 / 7, result.ChiSquare, 12);
        Assert.Equal(0.13057001811573618, result.ChiSquareP, 6); // math.erfc(sqrt(16 / 7 / 2)) in Python
    }

    [Fact]
    public void Mcnemar_without_discordant_pairs_is_not_significant()
    {
        var result = StatisticalTests.McNemar(0, 0);

        Assert.Equal(1, result.ExactP);
        Assert.Equal(1, result.ChiSquareP);
    }

    [Fact]
    public void Mcnemar_exact_p_is_capped_at_one_for_balanced_counts()
    {
        Assert.Equal(1, StatisticalTests.McNemar(5, 5).ExactP);
    }

    [Fact]
    public void Binomial_tails_match_hand_computed_values()
    {
        Assert.Equal(5.0 / 16, StatisticalTests.BinomialUpperTail(3, 4, 0.5), 12);
        Assert.Equal(11.0 / 16, StatisticalTests.BinomialCdf(2, 4, 0.5), 12);
        Assert.Equal(1, StatisticalTests.BinomialUpperTail(0, 4, 0.3));
        Assert.Equal(0.3 * 0.3 * 0.3, StatisticalTests.BinomialUpperTail(3, 3, 0.3), 12);
    }

    [Fact]
    public void Binomial_pmf_stays_accurate_for_large_n()
    {
        // Python: exp(lgamma(10001) - 2 lgamma(5001) - 10000 ln 2).
        Assert.Equal(0.007978646139266547, StatisticalTests.BinomialPmf(5000, 10000, 0.5), 9);
    }

    [Fact]
    public void Log_gamma_matches_log_factorials()
    {
        Assert.Equal(Math.Log(120), StatisticalTests.LogGamma(6), 12);
        Assert.Equal(0.5 * Math.Log(Math.PI), StatisticalTests.LogGamma(0.5), 12);
    }
}

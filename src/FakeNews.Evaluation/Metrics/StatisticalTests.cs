namespace FakeNews.Evaluation.Metrics;

/// <summary>McNemar's test on paired predictions of two models.</summary>
/// <param name="OnlyAWrong">Examples model A got wrong and B right (c).</param>
/// <param name="OnlyBWrong">Examples model B got wrong and A right (b).</param>
/// <param name="ExactP">Two-sided exact (binomial, p = 1/2) p-value.</param>
/// <param name="ChiSquare">The continuity-corrected statistic (|b - c| - 1)^2 / (b + c); 0 when b + c = 0.</param>
/// <param name="ChiSquareP">Its p-value against chi-square with one degree of freedom.</param>
public sealed record McNemarResult(int OnlyAWrong, int OnlyBWrong, double ExactP, double ChiSquare, double ChiSquareP);

/// <summary>Exact and asymptotic tests used by slices and comparisons.</summary>
public static class StatisticalTests
{
    /// <summary>McNemar's test from the discordant counts.</summary>
    public static McNemarResult McNemar(int onlyAWrong, int onlyBWrong)
    {
        var discordant = onlyAWrong + onlyBWrong;
        if (discordant == 0)
        {
            return new McNemarResult(onlyAWrong, onlyBWrong, 1, 0, 1);
        }

        var exact = Math.Min(1, 2 * BinomialCdf(Math.Min(onlyAWrong, onlyBWrong), discordant, 0.5));
        var corrected = Math.Max(0, Math.Abs(onlyAWrong - onlyBWrong) - 1);
        var chiSquare = (double)corrected * corrected / discordant;
        return new McNemarResult(onlyAWrong, onlyBWrong, exact, chiSquare, ChiSquareOneDofSurvival(chiSquare));
    }

    /// <summary>P(X &lt;= k) for X ~ Binomial(n, p), summed in log space (exact to double precision for any n).</summary>
    public static double BinomialCdf(int k, int n, double p)
    {
        if (k < 0)
        {
            return 0;
        }

        if (k >= n)
        {
            return 1;
        }

        double sum = 0;
        for (var i = 0; i <= k; i++)
        {
            sum += BinomialPmf(i, n, p);
        }

        return Math.Min(1, sum);
    }

    /// <summary>P(X &gt;= k) for X ~ Binomial(n, p).</summary>
    public static double BinomialUpperTail(int k, int n, double p)
    {
        if (k <= 0)
        {
            return 1;
        }

        double sum = 0;
        for (var i = k; i <= n; i++)
        {
            sum += BinomialPmf(i, n, p);
        }

        return Math.Min(1, sum);
    }

    /// <summary>P(X = k) for X ~ Binomial(n, p).</summary>
    public static double BinomialPmf(int k, int n, double p)
    {
        if (p <= 0)
        {
            return k == 0 ? 1 : 0;
        }

        if (p >= 1)
        {
            return k == n ? 1 : 0;
        }

        return Math.Exp(LogChoose(n, k) + k * Math.Log(p) + (n - k) * Math.Log(1 - p));
    }

    /// <summary>P(chi-square with 1 dof &gt; x) = erfc(sqrt(x / 2)).</summary>
    public static double ChiSquareOneDofSurvival(double x) => x <= 0 ? 1 : Erfc(Math.Sqrt(x / 2));

    /// <summary>ln C(n, k) by <see cref="LogGamma"/>.</summary>
    internal static double LogChoose(int n, int k) => LogGamma(n + 1.0) - LogGamma(k + 1.0) - LogGamma(n - k + 1.0);

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7, nine terms; relative error about 1e-15).</summary>
    internal static double LogGamma(double x)
    {
        ReadOnlySpan<double> c =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        x -= 1;
        var a = c[0];
        var t = x + 7.5;
        for (var i = 1; i < 9; i++)
        {
            a += c[i] / (x + i);
        }

        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(a);
    }

    /// <summary>The complementary error function (Numerical Recipes' Chebyshev fit; relative error below 1.2e-7).</summary>
    internal static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + 0.5 * z);
        var r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}

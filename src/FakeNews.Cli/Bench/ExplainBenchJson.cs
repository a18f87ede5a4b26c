namespace FakeNews.Cli.Bench;

/// <summary>The object <c>explain-bench --json</c> prints.</summary>
internal sealed record ExplainBenchJson(
    string Run,
    IReadOnlyList<DeletionJson> Deletion,
    int Items,
    int Refused,
    double MeanWords,
    double MeanTokens,
    double MeanUnits,
    double PlainMeanMs,
    double ExplainMeanMs,
    double PlainP50Ms,
    double ExplainP50Ms,
    double ExplainVsPlain)
{
    /// <summary>The object for one run: deltas rounded to 6 decimals, ratios to 4 (null when undefined), costs to 1 to 3.</summary>
    public static ExplainBenchJson From(string run, IReadOnlyList<DeletionPoint> curve, ExplainCost cost) => new(
        run,
        [.. curve.Select(p => new DeletionJson(
            p.K, p.Items, Math.Round(p.TopAbsDelta, 6), Math.Round(p.RandomAbsDelta, 6), Ratio(p.AbsRatio),
            Math.Round(p.TopVerdictDrop, 6), Math.Round(p.RandomVerdictDrop, 6), Ratio(p.VerdictRatio)))],
        cost.Items,
        cost.Refused,
        Math.Round(cost.MeanWords, 1),
        Math.Round(cost.MeanTokens, 1),
        Math.Round(cost.MeanUnits, 2),
        Math.Round(cost.PlainMeanMs, 3),
        Math.Round(cost.ExplainMeanMs, 3),
        Math.Round(cost.PlainP50Ms, 3),
        Math.Round(cost.ExplainP50Ms, 3),
        Math.Round(cost.Ratio, 3));

    private static double? Ratio(double? ratio) => ratio is { } r ? Math.Round(r, 4) : null;
}

/// <summary>One point of the deletion curve.</summary>
internal sealed record DeletionJson(
    int K, int Items, double TopAbsDelta, double RandomAbsDelta, double? AbsRatio, double TopVerdictDrop, double RandomVerdictDrop, double? VerdictRatio);

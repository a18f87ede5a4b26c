using System.Text.Json.Serialization;
using FakeNews.Evaluation.Reports;
using FakeNews.Evaluation.Scoring;

namespace FakeNews.Evaluation.Comparison;

/// <summary><c>comparison.json</c>; see <see cref="ComparisonOutput"/>.</summary>
internal sealed record ComparisonJson(
    int N,
    ComparedDataJson Data,
    ComparedSideJson A,
    ComparedSideJson B,
    double AccuracyDifference,
    IReadOnlyList<double>? AccuracyDifferenceCi95,
    BootstrapJson Bootstrap,
    [property: JsonPropertyName("mcnemar")] McNemarJson McNemar,
    int Disagreements,
    IReadOnlyList<ComparedSliceJson> Slices)
{
    public static ComparisonJson From(ComparisonResult r) => new(
        r.A.Metrics.N,
        new ComparedDataJson(r.A.Folder.Data.Path, r.A.Folder.Data.Sha256),
        ComparedSideJson.From(r.A),
        ComparedSideJson.From(r.B),
        r.AccuracyDifference,
        JsonOutput.Pair(r.AccuracyDifferenceCi),
        new BootstrapJson(r.BootstrapSamples, r.Seed),
        new McNemarJson(r.McNemar.OnlyAWrong, r.McNemar.OnlyBWrong, r.McNemar.ExactP, r.McNemar.ChiSquare, r.McNemar.ChiSquareP),
        r.Disagreements.Count,
        [.. r.Slices.Select(s => new ComparedSliceJson(s.Key, s.Value, s.N, s.AccuracyA, s.AccuracyB, s.Difference, s.McNemarP))]);
}

/// <summary>The data both folders scored.</summary>
internal sealed record ComparedDataJson(string Path, string Sha256);

/// <summary>One side: its folder, model and metrics (undefined ones null).</summary>
internal sealed record ComparedSideJson(string Folder, string Model, IReadOnlyDictionary<string, double?> Metrics)
{
    public static ComparedSideJson From(ComparedSide side) => new(
        side.Folder.Directory,
        side.Folder.Model.Id,
        ComparisonReport.MetricRows(side.Metrics).ToDictionary(m => m.Name, m => JsonOutput.Finite(m.Value), StringComparer.Ordinal));
}

/// <summary>The bootstrap behind the interval.</summary>
internal sealed record BootstrapJson(int Samples, ulong Seed);

/// <summary>McNemar's test on the paired correctness.</summary>
internal sealed record McNemarJson(int OnlyAWrong, int OnlyBWrong, double ExactP, double ChiSquare, double ChiSquareP);

/// <summary>One slice's accuracies.</summary>
internal sealed record ComparedSliceJson(
    string Key, string Value, int N, double AccuracyA, double AccuracyB, double Difference, [property: JsonPropertyName("mcnemar_exact_p")] double McNemarExactP);

/// <summary>One line of <c>disagreements.jsonl</c>.</summary>
internal sealed record DisagreementJson(
    string Id,
    string Label,
    string PredictionA,
    double PFakeA,
    string PredictionB,
    double PFakeB,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Title,
    string Text)
{
    public static DisagreementJson From(Prediction a, Prediction b) =>
        new(a.Example.Id, a.Example.Label, a.PredictedLabel, a.PFake, b.PredictedLabel, b.PFake, a.Example.Title, a.Example.Text);
}

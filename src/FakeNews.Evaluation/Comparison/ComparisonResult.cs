using FakeNews.Evaluation.Metrics;
using FakeNews.Evaluation.Scoring;

namespace FakeNews.Evaluation.Comparison;

/// <summary>One side of a comparison.</summary>
/// <param name="Folder">The eval folder it was read from.</param>
/// <param name="Metrics">Its metrics on the shared examples.</param>
public sealed record ComparedSide(EvalFolder Folder, BinaryMetrics Metrics);

/// <summary>The accuracy of both models on one slice.</summary>
/// <param name="Key">Slice key.</param>
/// <param name="Value">Slice value.</param>
/// <param name="N">Examples in the slice.</param>
/// <param name="AccuracyA">Accuracy of A.</param>
/// <param name="AccuracyB">Accuracy of B.</param>
/// <param name="McNemarP">Exact McNemar p-value within the slice (not corrected for multiple slices).</param>
public sealed record SliceDifference(string Key, string Value, int N, double AccuracyA, double AccuracyB, double McNemarP)
{
    /// <summary>B minus A.</summary>
    public double Difference => AccuracyB - AccuracyA;
}

/// <summary>Two evaluations of the same data compared example by example.</summary>
/// <param name="A">The baseline.</param>
/// <param name="B">The candidate.</param>
/// <param name="McNemar">McNemar's test on the paired correctness.</param>
/// <param name="AccuracyDifferenceCi">Paired bootstrap 95 % interval of accuracy(B) - accuracy(A).</param>
/// <param name="BootstrapSamples">Resamples behind the interval.</param>
/// <param name="Seed">The bootstrap seed.</param>
/// <param name="Slices">Per-slice accuracies, in slice-table order.</param>
/// <param name="Disagreements">Pairs (A's, B's prediction) whose labels differ, in file order.</param>
public sealed record ComparisonResult(
    ComparedSide A,
    ComparedSide B,
    McNemarResult McNemar,
    Interval? AccuracyDifferenceCi,
    int BootstrapSamples,
    ulong Seed,
    IReadOnlyList<SliceDifference> Slices,
    IReadOnlyList<(Prediction A, Prediction B)> Disagreements)
{
    /// <summary>accuracy(B) - accuracy(A).</summary>
    public double AccuracyDifference => B.Metrics.Accuracy - A.Metrics.Accuracy;
}

namespace FakeNews.Evaluation.Slices;

/// <summary>Metrics of the examples that share one value of one slice key.</summary>
/// <param name="Key">The slice key, e.g. <c>party</c>.</param>
/// <param name="Value">The value, e.g. <c>republican</c>; <c>(blank)</c> for an empty one.</param>
/// <param name="N">Examples in the slice.</param>
/// <param name="Fake">Fake examples among them.</param>
/// <param name="Accuracy">Accuracy on the slice.</param>
/// <param name="RocAuc">ROC-AUC on the slice; null unless both classes are present.</param>
/// <param name="PValue">One-sided exact binomial p-value of seeing this many errors or more at the overall error rate.</param>
/// <param name="SignificantlyWorse">True when accuracy is below overall and <see cref="PValue"/> is below the Bonferroni-corrected level.</param>
public sealed record SliceResult(string Key, string Value, int N, int Fake, double Accuracy, double? RocAuc, double PValue, bool SignificantlyWorse);

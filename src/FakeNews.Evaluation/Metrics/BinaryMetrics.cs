namespace FakeNews.Evaluation.Metrics;

/// <summary>Counts of the confusion matrix, fake being the positive class.</summary>
/// <param name="Tp">Fake predicted fake.</param>
/// <param name="Fp">Real predicted fake.</param>
/// <param name="Tn">Real predicted real.</param>
/// <param name="Fn">Fake predicted real.</param>
public sealed record ConfusionCounts(int Tp, int Fp, int Tn, int Fn);

/// <summary>
/// Binary metrics with fake as the positive class. Undefined values are null: ROC-AUC without both classes, PR-AUC
/// without a fake example. Precision, recall and F1 of a class that is never predicted (or absent) are 0.
/// </summary>
public sealed record BinaryMetrics(
    int N,
    double Accuracy,
    double? RocAuc,
    double? PrAuc,
    double F1Fake,
    double PrecisionFake,
    double RecallFake,
    double F1Real,
    double MacroF1,
    double LogLoss,
    double Brier,
    double Ece,
    ConfusionCounts Confusion);

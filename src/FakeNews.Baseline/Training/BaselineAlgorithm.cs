namespace FakeNews.Baseline.Training;

/// <summary>The tree ensembles the baseline trains; the better on valid by ROC-AUC is kept.</summary>
public enum BaselineAlgorithm
{
    /// <summary>ML.NET FastForest (random forest), Platt-calibrated on the training rows.</summary>
    FastForest,

    /// <summary>LightGBM gradient-boosted trees (logistic objective, calibrated by construction).</summary>
    LightGbm,
}

/// <summary>Where the speaker-history features come from.</summary>
public enum HistorySource
{
    /// <summary>Recomputed from training labels: 5-fold out-of-fold for training rows, all of train for valid and serving.</summary>
    LeakFree,

    /// <summary>The dataset's count columns as they come, which include each row's own label. For measuring the leak only.</summary>
    LeakyColumns,

    /// <summary>No history (all zeros): text and one-hot metadata only.</summary>
    None,
}

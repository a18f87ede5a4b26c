using FakeNews.Baseline.Features;
using Microsoft.ML;

namespace FakeNews.Baseline.Training;

/// <summary>One trained pipeline (featurizer, trees, calibration) with its valid results.</summary>
/// <param name="Algorithm">The trainer.</param>
/// <param name="History">Where its history features came from.</param>
/// <param name="Model">The fitted ML.NET chain: input row to <c>Probability</c>.</param>
/// <param name="InputSchema">The schema of <see cref="BaselineInput"/> rows, saved with the model.</param>
/// <param name="Valid">Metrics on the valid set.</param>
/// <param name="ValidPFake">p_fake of every valid row, in order.</param>
/// <param name="TrainSeconds">Wall time of featurizing and fitting.</param>
public sealed record TrainedModel(
    BaselineAlgorithm Algorithm,
    HistorySource History,
    ITransformer Model,
    DataViewSchema InputSchema,
    ValidMetrics Valid,
    IReadOnlyList<float> ValidPFake,
    double TrainSeconds);

/// <summary>Everything one <see cref="BaselineTrainer.Train"/> run produced.</summary>
/// <param name="Best">The kept model: leak-free history, best valid ROC-AUC.</param>
/// <param name="Candidates">Every leak-free candidate, in training order.</param>
/// <param name="Ablations">The same trainer as <see cref="Best"/> with the leaky count columns and with no history.</param>
/// <param name="History">The speaker history over all training rows (served with the model).</param>
public sealed record TrainingRun(
    TrainedModel Best,
    IReadOnlyList<TrainedModel> Candidates,
    IReadOnlyList<TrainedModel> Ablations,
    SpeakerHistory History);

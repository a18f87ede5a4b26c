using FakeNews.Evaluation.Metrics;
using FakeNews.Evaluation.Scoring;
using FakeNews.Evaluation.Slices;

namespace FakeNews.Evaluation;

/// <summary>The data file an evaluation ran on.</summary>
/// <param name="Path">The path as given.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of its bytes.</param>
/// <param name="Format">liar, csv or jsonl.</param>
public sealed record DataInfo(string Path, string Sha256, string Format);

/// <summary>The model an evaluation ran, and how.</summary>
/// <param name="Id"><c>name@version</c>.</param>
/// <param name="Directory">The model folder.</param>
/// <param name="ExecutionProvider">CUDA or CPU.</param>
/// <param name="Threshold">The serving threshold on p_fake.</param>
/// <param name="MetadataInput">True when the speaker metadata was part of the model input.</param>
/// <param name="Precision">The weights that ran: fp32 (model.onnx), int8 or fp16.</param>
public sealed record ModelRunInfo(string Id, string Directory, string ExecutionProvider, double Threshold, bool MetadataInput, string Precision = "fp32");

/// <summary>The error lists of an evaluation, each at most <see cref="EvaluationAnalyzer.ErrorListSize"/> long.</summary>
/// <param name="ConfidentFalsePositives">Real examples predicted fake, highest p_fake first.</param>
/// <param name="ConfidentFalseNegatives">Fake examples predicted real, lowest p_fake first.</param>
/// <param name="LeastConfident">All examples, p_fake closest to the threshold first.</param>
public sealed record ErrorLists(
    IReadOnlyList<Prediction> ConfidentFalsePositives,
    IReadOnlyList<Prediction> ConfidentFalseNegatives,
    IReadOnlyList<Prediction> LeastConfident);

/// <summary>Everything an evaluation found, ready to be written as metrics.json, predictions.jsonl and the reports.</summary>
/// <param name="Data">The data file.</param>
/// <param name="Model">The model run.</param>
/// <param name="Predictions">One per example, in file order.</param>
/// <param name="Metrics">Overall metrics.</param>
/// <param name="AccuracyCi">95 % bootstrap interval of accuracy.</param>
/// <param name="RocAucCi">95 % bootstrap interval of ROC-AUC; null when undefined.</param>
/// <param name="BootstrapSamples">Resamples behind the intervals.</param>
/// <param name="Seed">The bootstrap seed.</param>
/// <param name="Slices">The slice table.</param>
/// <param name="Errors">The error lists.</param>
/// <param name="Reliability">Reliability-diagram bins (top-label confidence).</param>
public sealed record EvaluationResult(
    DataInfo Data,
    ModelRunInfo Model,
    IReadOnlyList<Prediction> Predictions,
    BinaryMetrics Metrics,
    Interval? AccuracyCi,
    Interval? RocAucCi,
    int BootstrapSamples,
    ulong Seed,
    IReadOnlyList<SliceResult> Slices,
    ErrorLists Errors,
    IReadOnlyList<ReliabilityBin> Reliability);

using FakeNews.Core.Batching;
using FakeNews.Core.Chunking;
using FakeNews.Core.Classification;
using FakeNews.Core.Explanations;
using FakeNews.Core.Models;

namespace FakeNews.Serving;

/// <summary>
/// The classifier a host serves, whichever model a folder holds (the ONNX transformer or the ML.NET baseline):
/// everything the CLI, the worker and the API use. Thread-safe; create it with <see cref="ServedClassifier.CreateAsync"/>.
/// </summary>
public interface IServedClassifier : ITextClassifier, ITextExplainer, IAsyncDisposable
{
    /// <summary>The label is fake when p_fake is at least this (from the model's config).</summary>
    float Threshold { get; }

    /// <summary>The calibration temperature; 1 for the baseline, whose trainer calibrates.</summary>
    float Temperature { get; }

    /// <summary>
    /// Each input kind's calibration and threshold (config.json <c>calibration.kinds</c>), which decide a request of
    /// that kind instead of <see cref="Threshold"/>; null for a model calibrated once (the baseline, 1.x transformers).
    /// </summary>
    IReadOnlyDictionary<InputKind, KindCalibration>? Kinds { get; }

    /// <summary>Sequences waiting for a batch; always 0 for the baseline. Cheap.</summary>
    int QueueLength { get; }

    /// <summary>Batching counters since start-up; all zero for the baseline, which does not batch.</summary>
    BatcherStats Stats { get; }

    /// <summary>
    /// How a model input (<see cref="ClassificationRequest.ModelInput"/>) fits the window limit, without running the
    /// model: one tokenization for the transformer; the baseline reads whole texts, so every input fits.
    /// </summary>
    WindowFit MeasureWindows(string modelInput);

    /// <summary>Classifies many texts and returns the results in request order; the first failure is thrown.</summary>
    /// <exception cref="ClassificationException">As for <see cref="ITextClassifier.ClassifyAsync"/>.</exception>
    Task<IReadOnlyList<ClassificationResult>> ClassifyManyAsync(IReadOnlyList<ClassificationRequest> requests, CancellationToken cancellationToken = default);

    /// <summary>Explains many texts and returns the explanations in request order; the first failure is thrown.</summary>
    /// <exception cref="ClassificationException">As for <see cref="ITextExplainer.ExplainAsync"/>.</exception>
    Task<IReadOnlyList<Explanation>> ExplainManyAsync(IReadOnlyList<ClassificationRequest> requests, CancellationToken cancellationToken = default);
}

namespace FakeNews.Core.Classification;

/// <summary>The score of one token window of a long text.</summary>
/// <param name="Index">Zero-based window number.</param>
/// <param name="StartToken">Offset of the window's first token in the text's token sequence (special tokens excluded).</param>
/// <param name="TokenCount">Tokens of the text in this window (special tokens excluded).</param>
/// <param name="PFake">Calibrated probability that this window is fake.</param>
public sealed record WindowScore(int Index, int StartToken, int TokenCount, float PFake);

/// <summary>The verdict on one request.</summary>
/// <param name="Label">The winning label, <c>fake</c> or <c>real</c>.</param>
/// <param name="PFake">Calibrated probability of fake, aggregated over windows for long texts.</param>
/// <param name="Probabilities">Calibrated probability of every label of the model.</param>
/// <param name="Tokens">WordPiece tokens in the model input, special tokens excluded, before windowing.</param>
/// <param name="Chunks">Per-window scores; a single entry when the text fits in one window.</param>
/// <param name="Model">The model's name and version, e.g. <c>minilm-news@2.0.0</c>.</param>
/// <param name="LatencyMs">Time from submission to result, queueing included.</param>
/// <param name="Kind">The input kind the verdict was calibrated for (<see cref="InputKinds.Derive(ClassificationRequest)"/>);
/// null for models without per-kind calibration.</param>
/// <param name="Threshold">The p(fake) at or above which <paramref name="Label"/> is <c>fake</c> for this request: its
/// kind's threshold, or the model's single one; null where the classifier does not say.</param>
public sealed record ClassificationResult(
    string Label,
    float PFake,
    IReadOnlyDictionary<string, float> Probabilities,
    int Tokens,
    IReadOnlyList<WindowScore> Chunks,
    string Model,
    double LatencyMs,
    InputKind? Kind = null,
    float? Threshold = null);

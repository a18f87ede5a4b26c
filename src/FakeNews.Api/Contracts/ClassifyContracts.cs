using System.ComponentModel;
using System.Text.Json.Nodes;

namespace FakeNews.Api.Contracts;

/// <summary>One text to classify.</summary>
/// <param name="Text">The claim or article body. Required; empty or whitespace-only text is rejected with 422.</param>
/// <param name="Title">Optional headline, read before the body.</param>
/// <param name="Metadata">Optional speaker metadata (the LIAR columns); blank fields are ignored.</param>
/// <param name="Explain">When true, the response adds <c>granularity</c> and <c>attributions</c>.</param>
public sealed record ClassifyRequest(
    [property: Description("The claim or article body. Required and non-empty.")] string? Text,
    [property: Description("Optional headline, read before the body.")] string? Title = null,
    [property: Description("Optional speaker metadata; blank fields are ignored.")] ClaimMetadata? Metadata = null,
    [property: Description(ExplainContracts.ExplainDescription)] bool? Explain = null);

/// <summary>Optional speaker metadata of a claim. The model was trained with and without it.</summary>
public sealed record ClaimMetadata(
    string? Speaker = null,
    string? Job = null,
    string? Party = null,
    string? State = null,
    string? Subject = null,
    string? Context = null);

/// <summary>Several texts to classify in one call.</summary>
/// <param name="Items">The texts, at most <c>Api:MaxBatchItems</c> (64 by default).</param>
/// <param name="Explain">When true, every item is explained (as if each had <c>explain: true</c>).</param>
public sealed record BatchClassifyRequest(
    [property: Description("The texts to classify, at most Api:MaxBatchItems (64 by default).")] IReadOnlyList<ClassifyRequest?>? Items,
    [property: Description("When true, every item is explained, as if each had explain: true.")] bool? Explain = null);

/// <summary>The verdict on one text.</summary>
/// <param name="Label"><c>fake</c> or <c>real</c>.</param>
/// <param name="PFake">Calibrated probability that the text is fake (token-weighted over windows for long texts).</param>
/// <param name="Probabilities">Calibrated probability of every label.</param>
/// <param name="Tokens">WordPiece tokens in the model input, special tokens excluded.</param>
/// <param name="Chunks">Per-window scores; present only when the text needed more than one window.</param>
/// <param name="Model">The model, <c>name@version</c>.</param>
/// <param name="LatencyMs">Time in the classifier, queueing included.</param>
/// <param name="Kind">The input kind the verdict was calibrated for: claim, headline, article or post.</param>
/// <param name="Threshold">The p_fake at or above which the label is fake for this input.</param>
/// <param name="Granularity">With <c>explain</c>: <c>word</c> or <c>sentence</c>, the unit of the text and title attributions.</param>
/// <param name="Attributions">With <c>explain</c>: one entry per unit, in input order.</param>
public sealed record ClassifyResponse(
    string Label,
    float PFake,
    IReadOnlyDictionary<string, float> Probabilities,
    int Tokens,
    IReadOnlyList<ChunkScore>? Chunks,
    string Model,
    double LatencyMs,
    [property: Description("The input kind, derived from the text's form, whose calibration and threshold gave the verdict: claim, headline, article or post. Absent for models without per-kind calibration.")] string? Kind = null,
    [property: Description("The p_fake at or above which the label is fake for this input: its kind's threshold, or the model's single one.")] float? Threshold = null,
    [property: Description("With explain: word or sentence, the unit of the text and title attributions.")] string? Granularity = null,
    [property: Description("With explain: one entry per unit (words, or sentences for texts longer than one window; whole metadata fields), in input order.")]
    IReadOnlyList<AttributionResponse>? Attributions = null);

/// <summary>The score of one token window of a long text.</summary>
/// <param name="Index">Zero-based window number.</param>
/// <param name="StartToken">Offset of the window's first token in the text.</param>
/// <param name="TokenCount">Text tokens in the window.</param>
/// <param name="PFake">Calibrated probability that this window is fake.</param>
public sealed record ChunkScore(int Index, int StartToken, int TokenCount, float PFake);

/// <summary>The verdicts on a batch, in request order.</summary>
/// <param name="Items">One result per request item, in order.</param>
/// <param name="Model">The model, <c>name@version</c>.</param>
/// <param name="LatencyMs">Time for the whole batch in the classifier.</param>
public sealed record BatchClassifyResponse(IReadOnlyList<ClassifyResponse> Items, string Model, double LatencyMs);

/// <summary>The model being served.</summary>
/// <param name="Name">Model name.</param>
/// <param name="Version">Model version.</param>
/// <param name="Labels">Labels in logit order.</param>
/// <param name="MaxLength">Tokens per window, special tokens included.</param>
/// <param name="ExecutionProvider"><c>CUDA</c> or <c>CPU</c>.</param>
/// <param name="RuntimeVersion">ONNX Runtime version.</param>
/// <param name="Inputs">ONNX inputs the session feeds.</param>
/// <param name="Threshold">p_fake at or above which the label is fake (for a model calibrated per kind: the claim kind's).</param>
/// <param name="Temperature">Calibration temperature.</param>
/// <param name="Metrics">The model card's headline validation metrics (config.json <c>valid_metrics</c>), if any.</param>
/// <param name="MaxBatchItems">Most items per batch request.</param>
/// <param name="MaxRequestBodyBytes">Largest accepted request body.</param>
/// <param name="Kinds">Each input kind's calibration and threshold, for a model calibrated per kind.</param>
public sealed record ModelResponse(
    string Name,
    string Version,
    IReadOnlyList<string> Labels,
    int MaxLength,
    string ExecutionProvider,
    string RuntimeVersion,
    IReadOnlyList<string> Inputs,
    float Threshold,
    float Temperature,
    JsonNode? Metrics,
    int MaxBatchItems,
    long MaxRequestBodyBytes,
    [property: Description("Each input kind's temperature, bias and threshold (claim, headline, article, post), for a model calibrated per kind; a request's kind comes from its form and is reported with its verdict.")]
    IReadOnlyDictionary<string, KindCalibrationResponse>? Kinds = null);

/// <summary>One input kind's calibration: p_fake = sigmoid(margin / temperature + bias) per window; fake at or above the threshold.</summary>
/// <param name="Temperature">Divides the logit margin.</param>
/// <param name="Bias">Added to the scaled margin.</param>
/// <param name="Threshold">p_fake at or above which a request of this kind is labelled fake.</param>
public sealed record KindCalibrationResponse(float Temperature, float Bias, float Threshold);

/// <summary>Liveness or readiness.</summary>
/// <param name="Status"><c>alive</c> or <c>ready</c>.</param>
/// <param name="Model">The model, once loaded.</param>
public sealed record HealthResponse(string Status, string? Model = null);

using FakeNews.Core.Classification;
using FakeNews.Core.Explanations;

namespace FakeNews.Cli.Output;

/// <summary>
/// One row of <c>score</c> output. A scored row has label, probability, token and chunk counts and no error;
/// an error row has only <see cref="Id"/>, <see cref="Model"/> and <see cref="Error"/>.
/// </summary>
/// <param name="Id">The item id: the given id, or the path (with <c>#n</c> inside multi-item files).</param>
/// <param name="Label"><c>fake</c> or <c>real</c>.</param>
/// <param name="PFake">Calibrated probability of fake, rounded to 6 decimals when written.</param>
/// <param name="Tokens">WordPiece tokens of the model input, special tokens excluded.</param>
/// <param name="Chunks">Token windows scored.</param>
/// <param name="Model"><c>name@version</c> of the model.</param>
/// <param name="Error">Why the item was not scored, <c>kind: message</c>.</param>
internal sealed record OutputRow(
    string Id,
    string? Label,
    double? PFake,
    int? Tokens,
    int? Chunks,
    string? Model,
    string? Error)
{
    /// <summary>The column names, in order, for both formats.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["id", "label", "p_fake", "kind", "threshold", "tokens", "chunks", "model", "error"];

    /// <summary>The input kind whose calibration and threshold gave the verdict (claim, headline, article or post); null
    /// for models without per-kind calibration and on error rows.</summary>
    public string? Kind { get; init; }

    /// <summary>The p_fake at or above which <see cref="Label"/> is <c>fake</c> for this item; null on error rows.</summary>
    public double? Threshold { get; init; }

    /// <summary>The columns of <c>score --explain</c>: <see cref="Columns"/> and <c>top_units</c>.</summary>
    public static IReadOnlyList<string> ExplainColumns { get; } = [.. Columns, "top_units"];

    /// <summary>With <c>score --explain</c>: the item's strongest units, strongest first; null otherwise and on error rows.</summary>
    public IReadOnlyList<Attribution>? TopUnits { get; init; }

    /// <summary>The scored row of <paramref name="result"/>.</summary>
    public static OutputRow Scored(string id, ClassificationResult result) =>
        new(id, result.Label, result.PFake, result.Tokens, result.Chunks.Count, result.Model, null)
        {
            Kind = InputKinds.NameOrNull(result.Kind),
            Threshold = result.Threshold,
        };

    /// <summary>An error row.</summary>
    public static OutputRow Failed(string id, string? model, string error) => new(id, null, null, null, null, model, error);
}

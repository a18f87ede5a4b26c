using FakeNews.Core.Classification;

namespace FakeNews.Core.Models;

/// <summary>How one input kind's window logits become probabilities, and its decision threshold.</summary>
/// <param name="Temperature">p(fake) of a window = sigmoid((logit(fake) - logit(real)) / Temperature + Bias). Positive.</param>
/// <param name="Bias">Added to the scaled logit of <c>fake</c>; 0 is plain temperature scaling.</param>
/// <param name="Threshold">The label is <c>fake</c> when the text's calibrated p_fake is at least this value.</param>
public sealed record KindCalibration(float Temperature, float Bias, float Threshold);

/// <summary>
/// The parsed and validated <c>config.json</c> of a model folder. Further fields in the file (dim, n_layers,
/// training data, metrics, hashes) are informational and not kept.
/// </summary>
/// <param name="Name">Model name, e.g. <c>minilm-liar</c>.</param>
/// <param name="Version">Model version, e.g. <c>1.0.0</c>.</param>
/// <param name="Architecture">Informational architecture name, e.g. <c>DistilBertForSequenceClassification</c>.</param>
/// <param name="Labels">Labels in logit order; always contains <c>fake</c>.</param>
/// <param name="MaxLength">Maximum sequence length the model accepts, special tokens included.</param>
/// <param name="DoLowerCase">Whether the vocabulary is uncased (lowercase and strip accents before WordPiece).</param>
/// <param name="Temperature">Calibration temperature: calibrated p = softmax(logits / temperature). Positive.</param>
/// <param name="Threshold">The label is <c>fake</c> when the calibrated p_fake is at least this value.</param>
/// <param name="Inputs">Input names declared by the config (the session's metadata is authoritative).</param>
/// <param name="Outputs">Output names declared by the config; the first is the logits output.</param>
/// <param name="Kinds">Per-kind calibration (config.json <c>calibration.kinds</c>); a kind not listed, or a config
/// without the section, uses <paramref name="Temperature"/>, no bias and <paramref name="Threshold"/>.</param>
/// <param name="VocabSize">Rows of the graph's token embedding table (config.json <c>vocab_size</c>), when the
/// config states it; <c>vocab.txt</c> must then have exactly this many tokens.</param>
/// <param name="KindOutputs">The output whose logits score each listed kind (config.json <c>kind_outputs</c>, a
/// model with a head per kind); a kind not listed, or a config without the section, uses <see cref="LogitsOutput"/>.
/// Every value is one of <paramref name="Outputs"/>.</param>
public sealed record ModelConfig(
    string Name,
    string Version,
    string Architecture,
    IReadOnlyList<string> Labels,
    int MaxLength,
    bool DoLowerCase,
    float Temperature,
    float Threshold,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    IReadOnlyDictionary<InputKind, KindCalibration>? Kinds = null,
    int? VocabSize = null,
    IReadOnlyDictionary<InputKind, string>? KindOutputs = null)
{
    /// <summary>The label that the verdict and <c>p_fake</c> refer to.</summary>
    public const string FakeLabel = "fake";

    /// <summary>The smallest accepted <c>max_length</c>: [CLS], one text token and [SEP].</summary>
    public const int MinMaxLength = 3;

    /// <summary>The largest accepted <c>max_length</c>.</summary>
    public const int MaxMaxLength = 8192;

    /// <summary>Index of the <c>fake</c> label in logit order.</summary>
    public int FakeIndex => IndexOfLabel(FakeLabel);

    /// <summary>The logits output name (the first of <see cref="Outputs"/>).</summary>
    public string LogitsOutput => Outputs[0];

    /// <summary>
    /// The outputs a run fetches, in row order: <see cref="LogitsOutput"/>, then each other output named in
    /// <see cref="KindOutputs"/> once, in <see cref="Outputs"/> order. A backend row holds their logits side by side.
    /// Computed on each call: load-time code reads it, the hot path keeps what it needs.
    /// </summary>
    public IReadOnlyList<string> UsedOutputs =>
        KindOutputs is null or { Count: 0 }
            ? [LogitsOutput]
            : Outputs.Where((name, i) => i == 0 || KindOutputs.Values.Contains(name, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Index in <see cref="UsedOutputs"/> of the output that scores inputs of <paramref name="kind"/>.</summary>
    public int OutputIndexFor(InputKind kind)
    {
        if (KindOutputs is null || !KindOutputs.TryGetValue(kind, out var output))
        {
            return 0;
        }

        var used = UsedOutputs;
        for (var i = 0; i < used.Count; i++)
        {
            if (string.Equals(used[i], output, StringComparison.Ordinal))
            {
                return i;
            }
        }

        // The parser only accepts values listed in Outputs, so only a hand-built config gets here.
        throw new InvalidOperationException($"Model config '{Id}' maps kind '{InputKinds.Name(kind)}' to the output '{output}', which is not in its outputs [{string.Join(", ", Outputs)}].");
    }

    /// <summary><c>name@version</c>.</summary>
    public string Id => $"{Name}@{Version}";

    /// <summary>The calibration and threshold for inputs of <paramref name="kind"/>.</summary>
    public KindCalibration CalibrationFor(InputKind kind) =>
        Kinds is not null && Kinds.TryGetValue(kind, out var calibration) ? calibration : new KindCalibration(Temperature, 0f, Threshold);

    private int IndexOfLabel(string label)
    {
        for (var i = 0; i < Labels.Count; i++)
        {
            if (string.Equals(Labels[i], label, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

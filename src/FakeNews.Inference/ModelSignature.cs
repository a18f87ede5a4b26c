using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FakeNews.Inference;

/// <summary>
/// The inputs and the logits outputs of an ONNX classifier, discovered from the session's metadata:
/// <c>input_ids</c> and <c>attention_mask</c> (DistilBERT-style) and optionally <c>token_type_ids</c> (BERT-style),
/// all int64 [batch, sequence]; float logits outputs whose last dimension is the label count, in the order a run
/// fetches them (<see cref="FakeNews.Core.Models.ModelConfig.UsedOutputs"/>: the main head first).
/// </summary>
internal sealed record ModelSignature(IReadOnlyList<string> Inputs, bool HasTokenTypeIds, IReadOnlyList<string> Outputs)
{
    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string TokenTypeIds = "token_type_ids";

    private static readonly string[] Known = [InputIds, AttentionMask, TokenTypeIds];

    /// <summary>Reads and checks the session's metadata; every one of <paramref name="outputs"/> must be a float [batch, labels] output.</summary>
    /// <exception cref="InvalidDataException">An unknown or missing input, a wrong type, a fixed batch or sequence dimension, a missing output, or a label count mismatch; the message names it.</exception>
    public static ModelSignature Discover(InferenceSession session, string onnxPath, IReadOnlyList<string> outputs, int labelCount)
    {
        if (outputs.Count == 0)
        {
            throw new ArgumentException("At least one output (the logits) is needed.", nameof(outputs));
        }

        var inputs = session.InputMetadata;
        foreach (var (name, meta) in inputs)
        {
            if (!Known.Contains(name, StringComparer.Ordinal))
            {
                throw new InvalidDataException(
                    $"Model '{onnxPath}' has the input '{name}', which is not supported; inputs must be {InputIds}, {AttentionMask} and optionally {TokenTypeIds}.");
            }

            if (!meta.IsTensor || meta.ElementDataType != TensorElementType.Int64 || meta.Dimensions.Length != 2)
            {
                throw new InvalidDataException(
                    $"Model '{onnxPath}' input '{name}' must be an int64 tensor [batch, sequence]; it is {meta.ElementDataType} with {meta.Dimensions.Length} dimensions.");
            }

            // Batches hold 1 to MaxBatchSize rows padded to their own longest sequence, so neither size is fixed.
            for (var axis = 0; axis < 2; axis++)
            {
                if (meta.Dimensions[axis] > 0)
                {
                    var dimension = axis == 0 ? "batch" : "sequence";
                    throw new InvalidDataException(
                        $"Model '{onnxPath}' input '{name}' has a fixed {dimension} dimension of {meta.Dimensions[axis]}; the classifier needs it dynamic. " +
                        "Export the graph with dynamic axes for batch and sequence.");
                }
            }
        }

        foreach (var required in new[] { InputIds, AttentionMask })
        {
            if (!inputs.ContainsKey(required))
            {
                throw new InvalidDataException(
                    $"Model '{onnxPath}' lacks the input '{required}'; it has [{string.Join(", ", inputs.Keys)}].");
            }
        }

        foreach (var name in outputs)
        {
            CheckOutput(session, onnxPath, name, labelCount);
        }

        // Keep a fixed order: the order the backend feeds values in.
        var ordered = Known.Where(inputs.ContainsKey).ToList();
        return new ModelSignature(ordered, inputs.ContainsKey(TokenTypeIds), [.. outputs]);
    }

    private static void CheckOutput(InferenceSession session, string onnxPath, string name, int labelCount)
    {
        if (!session.OutputMetadata.TryGetValue(name, out var output))
        {
            throw new InvalidDataException(
                $"Model '{onnxPath}' has no output '{name}' (config.json 'outputs'); it has [{string.Join(", ", session.OutputMetadata.Keys)}].");
        }

        if (!output.IsTensor || output.ElementDataType != TensorElementType.Float || output.Dimensions.Length != 2)
        {
            throw new InvalidDataException(
                $"Model '{onnxPath}' output '{name}' must be a float tensor [batch, labels]; it is {output.ElementDataType} with {output.Dimensions.Length} dimensions.");
        }

        var declared = output.Dimensions[^1];
        if (declared > 0 && declared != labelCount)
        {
            throw LabelMismatch(onnxPath, name, declared, labelCount);
        }
    }

    /// <summary>The error for a logits width that disagrees with config.json's labels.</summary>
    public static InvalidDataException LabelMismatch(string onnxPath, string logitsOutput, long logitsWidth, int labelCount) =>
        new($"Model '{onnxPath}' output '{logitsOutput}' has {logitsWidth} logits per row, but config.json lists {labelCount} labels; they must agree.");
}

using System.Buffers;
using FakeNews.Core.Batching;
using Microsoft.ML.OnnxRuntime;

namespace FakeNews.Inference;

/// <summary>
/// Runs padded token batches through one reused <see cref="InferenceSession"/> with the OrtValue API over pooled
/// int64 buffers, fetching every logits output of the signature in the one run. Called by the batcher's single
/// loop (and once for warm-up), never concurrently.
/// </summary>
internal sealed class OnnxBatchBackend : IBatchBackend, IDisposable
{
    private readonly InferenceSession _session;
    private readonly ModelSignature _signature;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _outputNames;
    private readonly string _onnxPath;
    private readonly long _padId;

    public OnnxBatchBackend(InferenceSession session, ModelSignature signature, string onnxPath, int labelCount, int padId, string provider)
    {
        _session = session;
        _signature = signature;
        _onnxPath = onnxPath;
        _outputNames = [.. signature.Outputs];
        _padId = padId;
        LabelCount = labelCount;
        Provider = provider;
    }

    /// <summary>Logits per output: the label count.</summary>
    public int LabelCount { get; }

    /// <summary>The label count times the number of fetched outputs; a row holds each output's logits in <see cref="Outputs"/> order.</summary>
    public int RowWidth => LabelCount * _outputNames.Length;

    /// <summary>The fetched output names, in row order (the main logits output first).</summary>
    public IReadOnlyList<string> Outputs => _signature.Outputs;

    /// <summary>The execution provider in use: CUDA or CPU.</summary>
    public string Provider { get; }

    /// <summary>The precision of the loaded graph: fp32, int8 or fp16.</summary>
    public string Precision { get; init; } = ModelGraph.Fp32;

    /// <summary>The discovered input names, in feed order.</summary>
    public IReadOnlyList<string> Inputs => _signature.Inputs;

    /// <inheritdoc />
    public float[][] Run(TokenBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var rows = batch.Count;
        var length = batch.SequenceLength;
        var size = rows * length;
        var ids = ArrayPool<long>.Shared.Rent(size);
        var mask = ArrayPool<long>.Shared.Rent(size);
        var types = _signature.HasTokenTypeIds ? ArrayPool<long>.Shared.Rent(size) : null;
        var values = new List<OrtValue>(3);
        try
        {
            Fill(batch, ids, mask);
            long[] shape = [rows, length];
            foreach (var name in _signature.Inputs)
            {
                var buffer = name switch
                {
                    ModelSignature.InputIds => ids,
                    ModelSignature.AttentionMask => mask,
                    _ => ClearTypes(types!, size),
                };
                values.Add(OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(0, size), shape));
            }

            using var outputs = _session.Run(_runOptions, _signature.Inputs, values, _outputNames);
            var result = new float[rows][];
            for (var row = 0; row < rows; row++)
            {
                result[row] = new float[RowWidth];
            }

            for (var head = 0; head < _outputNames.Length; head++)
            {
                ReadLogits(outputs[head], _outputNames[head], rows, result, head * LabelCount);
            }

            return result;
        }
        finally
        {
            values.ForEach(v => v.Dispose());
            ArrayPool<long>.Shared.Return(ids);
            ArrayPool<long>.Shared.Return(mask);
            if (types is not null)
            {
                ArrayPool<long>.Shared.Return(types);
            }
        }
    }

    /// <summary>Stops the session's profiler and returns the trace file it wrote (only for a session opened with a profile prefix).</summary>
    public string EndProfiling() => _session.EndProfiling();

    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }

    private void Fill(TokenBatch batch, long[] ids, long[] mask)
    {
        var length = batch.SequenceLength;
        for (var row = 0; row < batch.Count; row++)
        {
            var sequence = batch.Sequences[row];
            var offset = row * length;
            for (var i = 0; i < sequence.Length; i++)
            {
                ids[offset + i] = sequence[i];
                mask[offset + i] = 1;
            }

            ids.AsSpan(offset + sequence.Length, length - sequence.Length).Fill(_padId);
            mask.AsSpan(offset + sequence.Length, length - sequence.Length).Clear();
        }
    }

    private static long[] ClearTypes(long[] types, int size)
    {
        // Single sequences: every token type id is 0.
        types.AsSpan(0, size).Clear();
        return types;
    }

    /// <summary>Copies one output's [rows, labels] logits into each row at <paramref name="offset"/>.</summary>
    private void ReadLogits(OrtValue output, string name, int rows, float[][] result, int offset)
    {
        var shape = output.GetTensorTypeAndShape().Shape;
        if (shape.Length != 2 || shape[0] != rows)
        {
            throw new InvalidOperationException(
                $"Model '{_onnxPath}' returned logits '{name}' of shape [{string.Join(", ", shape)}] for a batch of {rows}.");
        }

        if (shape[1] != LabelCount)
        {
            throw ModelSignature.LabelMismatch(_onnxPath, name, shape[1], LabelCount);
        }

        var data = output.GetTensorDataAsSpan<float>();
        for (var row = 0; row < rows; row++)
        {
            data.Slice(row * LabelCount, LabelCount).CopyTo(result[row].AsSpan(offset));
        }
    }
}

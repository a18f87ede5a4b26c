namespace FakeNews.Inference;

/// <summary>Which graph of the model folder a classifier runs.</summary>
public enum ModelPrecision
{
    /// <summary>
    /// <c>model.int8.onnx</c> on CPU when the folder has one, else <c>model.onnx</c>; on CUDA <c>model.fp16.onnx</c>
    /// when the folder has one, else <c>model.onnx</c> (int8 MatMulInteger kernels run on CPU only; on an H200 the
    /// fp16 graph served 1.5-1.7x the fp32 throughput at 8,192 tokens per batch and above, with the same LIAR valid accuracy).
    /// </summary>
    Auto,

    /// <summary><c>model.onnx</c>, float32.</summary>
    Fp32,

    /// <summary><c>model.int8.onnx</c>: dynamically quantized weights (scripts/quantize_int8.py); fails to load when absent.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The precision is called int8 on the command line and in the model card.")]
    Int8,

    /// <summary><c>model.fp16.onnx</c> (scripts/convert_fp16.py): float16 weights and activations for CUDA; on CPU, ONNX Runtime casts around the float16 nodes it has no kernels for; fails to load when absent.</summary>
    Fp16,
}

namespace FakeNews.Inference;

/// <summary>Where ONNX Runtime runs the model.</summary>
public enum ExecutionDevice
{
    /// <summary>CUDA when its execution provider loads, otherwise CPU (with one warning).</summary>
    Auto,

    /// <summary>CPU only.</summary>
    Cpu,

    /// <summary>CUDA only; loading fails with a clear error when CUDA is unavailable.</summary>
    Cuda,
}

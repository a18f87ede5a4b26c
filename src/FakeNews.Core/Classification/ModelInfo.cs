namespace FakeNews.Core.Classification;

/// <summary>Facts about the model being served, for <c>info</c>, <c>/v1/model</c> and results.</summary>
/// <param name="Name">Model name from config.json.</param>
/// <param name="Version">Model version from config.json.</param>
/// <param name="Labels">Labels in logit order.</param>
/// <param name="MaxLength">Maximum sequence length, special tokens included.</param>
/// <param name="Inputs">The ONNX input names the session discovered.</param>
/// <param name="ExecutionProvider">The provider in use: <c>CUDA</c> or <c>CPU</c>.</param>
/// <param name="RuntimeVersion">The ONNX Runtime version.</param>
/// <param name="Directory">The model folder.</param>
/// <param name="Precision">The weights in use: <c>fp32</c> (model.onnx), <c>int8</c> (model.int8.onnx) or <c>fp16</c> (model.fp16.onnx).</param>
public sealed record ModelInfo(
    string Name,
    string Version,
    IReadOnlyList<string> Labels,
    int MaxLength,
    IReadOnlyList<string> Inputs,
    string ExecutionProvider,
    string RuntimeVersion,
    string Directory,
    string Precision = "fp32")
{
    /// <summary><c>name@version</c>, as stamped on every result.</summary>
    public string Id => $"{Name}@{Version}";
}

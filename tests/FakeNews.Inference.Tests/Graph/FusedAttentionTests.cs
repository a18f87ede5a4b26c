using FakeNews.Inference.Tests.Graph;
using Microsoft.ML.OnnxRuntime;

namespace FakeNews.Inference.Tests;

/// <summary>
/// The shipped model's attention runs as ONNX Runtime's fused MultiHeadAttention kernel: checked on the optimized
/// graph ONNX Runtime itself writes (SessionOptions.OptimizedModelFilePath), for the fp32 file and the int8 file
/// the CPU hosts load, which must also keep its quantized projections.
/// </summary>
public sealed class FusedAttentionTests : IDisposable
{
    private const int Layers = 6;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "fakenews-optimized-" + Guid.NewGuid().ToString("N"));

    public FusedAttentionTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("model.onnx")]
    [InlineData("model.int8.onnx")]
    public void Optimized_graph_of_the_shipped_model_runs_one_fused_attention_per_layer(string file)
    {
        var nodes = Optimize(Path.Combine(Fixtures.Root, "models", "minilm-news-v2", file));

        Assert.Equal(Layers, nodes.Count(n => n.OpType == "MultiHeadAttention" && n.Domain == "com.microsoft"));
        Assert.DoesNotContain(nodes, n => n.OpType is "Softmax" or "Where");
    }

    [Fact]
    public void Optimized_int8_graph_keeps_its_quantized_projections()
    {
        var nodes = Optimize(Path.Combine(Fixtures.Root, "models", "minilm-news-v2", "model.int8.onnx"));

        // Q, K, V, output and two feed-forward projections per layer, fused by ONNX Runtime into int8 kernels.
        var quantized = nodes.Count(n => n.OpType is "MatMulIntegerToFloat" or "DynamicQuantizeMatMul" or "MatMulInteger");
        Assert.Equal(6 * Layers, quantized);
        Assert.DoesNotContain(nodes, n => n.OpType is "MatMul" or "FusedMatMul");
    }

    private IReadOnlyList<(string OpType, string Domain)> Optimize(string model)
    {
        var optimized = Path.Combine(_folder, Path.GetFileNameWithoutExtension(model) + ".optimized.onnx");
        using (var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            OptimizedModelFilePath = optimized,
            IntraOpNumThreads = 1,
        })
        using (new InferenceSession(model, options))
        {
        }

        return OnnxNodes.Read(optimized);
    }
}

using Microsoft.Extensions.Logging;

namespace FakeNews.Inference;

public sealed partial class FakeNewsClassifier
{
    [LoggerMessage(Level = LogLevel.Information,
        Message = "Loaded model {ModelName}@{ModelVersion} on {ExecutionProvider} ({Precision}, {OnnxPath}) with inputs {Inputs}, max length {MaxLength}, window overlap {WindowOverlap}; warm-up batch {WarmupRows}x{WarmupLength}; ready in {LoadMs:F0} ms")]
    private static partial void LogLoaded(ILogger logger, string modelName, string modelVersion, string executionProvider, string precision, string onnxPath, string inputs,
        int maxLength, int windowOverlap, int warmupRows, int warmupLength, double loadMs);

    [LoggerMessage(Level = LogLevel.Debug,
        Message = "Classified {Tokens} tokens in {Windows} windows as {Label} (p_fake {PFake:F4}) in {LatencyMs:F1} ms")]
    private static partial void LogClassified(ILogger logger, int tokens, int windows, string label, float pFake, double latencyMs);
}

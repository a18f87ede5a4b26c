using FakeNews.Core.Models;

namespace FakeNews.Inference;

/// <summary>Picks the ONNX file of a model folder for a precision and a device.</summary>
internal static class ModelGraph
{
    public const string Fp32 = "fp32";
    public const string Int8 = "int8";
    public const string Fp16 = "fp16";

    /// <summary>The file and its precision name (<c>fp32</c>, <c>int8</c>, <c>fp16</c>).</summary>
    /// <exception cref="InvalidDataException">An explicit int8 or fp16 precision was asked for and the folder lacks its file.</exception>
    public static (string Path, string Precision) Select(ModelFolder folder, ModelPrecision precision, bool onCuda)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return precision switch
        {
            ModelPrecision.Int8 => (folder.Int8OnnxPath ?? throw Missing(folder, ModelFolder.Int8OnnxFileName, "int8", "/usr/bin/python3 scripts/quantize_int8.py <folder>"), Int8),
            ModelPrecision.Fp16 => (folder.Fp16OnnxPath ?? throw Missing(folder, ModelFolder.Fp16OnnxFileName, "fp16", "/usr/bin/python3 scripts/convert_fp16.py <folder>"), Fp16),
            ModelPrecision.Auto when !onCuda && folder.Int8OnnxPath is { } int8 => (int8, Int8),
            ModelPrecision.Auto when onCuda && folder.Fp16OnnxPath is { } fp16 => (fp16, Fp16),
            _ => (folder.OnnxPath, Fp32),
        };
    }

    private static InvalidDataException Missing(ModelFolder folder, string file, string precision, string command) =>
        new($"Model folder '{folder.Directory}' has no '{file}', which precision '{precision}' needs. Create it ({command}) or use precision 'auto' or 'fp32'.");
}

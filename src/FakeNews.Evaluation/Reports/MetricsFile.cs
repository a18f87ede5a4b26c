using System.Text.Json;
using FakeNews.Evaluation.Metrics;

namespace FakeNews.Evaluation.Reports;

/// <summary>
/// <c>metrics.json</c> with exactly these top-level fields (fake is the positive class): n, accuracy, roc_auc, pr_auc,
/// f1_fake, precision_fake, recall_fake, f1_real, macro_f1, log_loss, brier, ece, confusion {tp, fp, tn, fn},
/// ci95 {accuracy: [lo, hi], roc_auc: [lo, hi]}, model {id, directory, execution_provider, precision, threshold, metadata_input},
/// data {path, sha256, format}. Undefined values (ROC-AUC of a one-class set) are null.
/// </summary>
public static class MetricsFile
{
    /// <summary>The file name inside an eval folder.</summary>
    public const string FileName = "metrics.json";

    /// <summary>The top-level field names, in order.</summary>
    public static IReadOnlyList<string> TopLevelFields { get; } =
    [
        "n", "accuracy", "roc_auc", "pr_auc", "f1_fake", "precision_fake", "recall_fake", "f1_real", "macro_f1",
        "log_loss", "brier", "ece", "confusion", "ci95", "model", "data",
    ];

    /// <summary>The file's content.</summary>
    public static byte[] ToJson(EvaluationResult result) =>
        [.. JsonSerializer.SerializeToUtf8Bytes(MetricsJson.From(result), JsonOutput.Indented.MetricsJson), (byte)'\n'];

    /// <summary>Reads the <c>model</c> and <c>data</c> sections back (for <c>compare</c>).</summary>
    /// <exception cref="EvaluationException">The file is not a metrics.json of this harness.</exception>
    public static (ModelRunInfo Model, DataInfo Data) ReadRunInfo(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var model = document.RootElement.GetProperty("model");
            var data = document.RootElement.GetProperty("data");
            return (
                new ModelRunInfo(
                    model.GetProperty("id").GetString()!,
                    model.GetProperty("directory").GetString()!,
                    model.GetProperty("execution_provider").GetString()!,
                    model.GetProperty("threshold").GetDouble(),
                    model.GetProperty("metadata_input").GetBoolean(),
                    model.TryGetProperty("precision", out var precision) ? precision.GetString() ?? "fp32" : "fp32"),
                new DataInfo(data.GetProperty("path").GetString()!, data.GetProperty("sha256").GetString()!, data.GetProperty("format").GetString()!));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new EvaluationException($"{path}: not a metrics.json written by 'fakenews eval' ({e.Message})", e);
        }
    }
}

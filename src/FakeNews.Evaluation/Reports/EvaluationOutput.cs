using System.Text;
using System.Text.Json;
using FakeNews.Core.Explanations;
using FakeNews.Evaluation.Explanations;
using FakeNews.Evaluation.Slices;

namespace FakeNews.Evaluation.Reports;

/// <summary>
/// Writes an eval folder: <c>metrics.json</c>, <c>predictions.jsonl</c>, <c>slices.json</c>, <c>errors.json</c>,
/// <c>report.html</c> and <c>report.md</c>, and with explanations <c>influential_words.json</c> when words were
/// aggregated. The folder is created if needed; existing files are replaced.
/// </summary>
public static class EvaluationOutput
{
    /// <summary>The slice table file name.</summary>
    public const string SlicesFileName = "slices.json";

    /// <summary>The error lists file name (ids only; texts are in predictions.jsonl).</summary>
    public const string ErrorsFileName = "errors.json";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Writes every file of the folder. <paramref name="explanations"/> (by example id) highlight the report's listed
    /// examples; <paramref name="influence"/>, when given, is written as <see cref="InfluentialWords.FileName"/>.
    /// </summary>
    public static async Task WriteAsync(
        string directory,
        EvaluationResult result,
        IReadOnlyList<string>? notes = null,
        IReadOnlyDictionary<string, Explanation>? explanations = null,
        IReadOnlyList<ClassInfluence>? influence = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(directory);
        await File.WriteAllBytesAsync(Path.Combine(directory, MetricsFile.FileName), MetricsFile.ToJson(result), cancellationToken).ConfigureAwait(false);
        await PredictionsFile.WriteAsync(Path.Combine(directory, PredictionsFile.FileName), result.Predictions, cancellationToken).ConfigureAwait(false);
        await File.WriteAllBytesAsync(Path.Combine(directory, SlicesFileName), SlicesJson(result.Slices), cancellationToken).ConfigureAwait(false);
        await File.WriteAllBytesAsync(Path.Combine(directory, ErrorsFileName), ErrorsJson(result.Errors), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, HtmlReport.FileName), HtmlReport.Render(result, notes, explanations), Utf8NoBom, cancellationToken).ConfigureAwait(false);
        if (influence is not null)
        {
            await File.WriteAllBytesAsync(Path.Combine(directory, InfluentialWords.FileName), InfluentialWords.ToJson(influence), cancellationToken).ConfigureAwait(false);
        }

        await File.WriteAllTextAsync(Path.Combine(directory, MarkdownReport.FileName), MarkdownReport.Render(result), Utf8NoBom, cancellationToken).ConfigureAwait(false);
    }

    private static byte[] SlicesJson(IReadOnlyList<SliceResult> slices)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOutput.IndentedOptions))
        {
            json.WriteStartArray();
            foreach (var s in slices)
            {
                json.WriteStartObject();
                json.WriteString("key", s.Key);
                json.WriteString("value", s.Value);
                json.WriteNumber("n", s.N);
                json.WriteNumber("fake", s.Fake);
                json.WriteNumber("accuracy", s.Accuracy);
                JsonOutput.WriteNullable(json, "roc_auc", s.RocAuc);
                json.WriteNumber("p_value", s.PValue);
                json.WriteBoolean("significantly_worse", s.SignificantlyWorse);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return buffer.ToArray();
    }

    private static byte[] ErrorsJson(ErrorLists errors)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOutput.IndentedOptions))
        {
            json.WriteStartObject();
            foreach (var (name, list) in new[]
            {
                ("confident_false_positives", errors.ConfidentFalsePositives),
                ("confident_false_negatives", errors.ConfidentFalseNegatives),
                ("least_confident", errors.LeastConfident),
            })
            {
                json.WriteStartArray(name);
                foreach (var p in list)
                {
                    json.WriteStartObject();
                    json.WriteString("id", p.Example.Id);
                    json.WriteString("label", p.Example.Label);
                    json.WriteNumber("p_fake", p.PFake);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}

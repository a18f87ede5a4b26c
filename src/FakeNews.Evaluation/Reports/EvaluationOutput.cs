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
        await File.WriteAllBytesAsync(Path.Combine(directory, SlicesFileName), SlicesFile(result.Slices), cancellationToken).ConfigureAwait(false);
        await File.WriteAllBytesAsync(Path.Combine(directory, ErrorsFileName), ErrorsFile(result.Errors), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, HtmlReport.FileName), HtmlReport.Render(result, notes, explanations), Utf8NoBom, cancellationToken).ConfigureAwait(false);
        if (influence is not null)
        {
            await File.WriteAllBytesAsync(Path.Combine(directory, InfluentialWords.FileName), InfluentialWords.ToJson(influence), cancellationToken).ConfigureAwait(false);
        }

        await File.WriteAllTextAsync(Path.Combine(directory, MarkdownReport.FileName), MarkdownReport.Render(result), Utf8NoBom, cancellationToken).ConfigureAwait(false);
    }

    private static byte[] SlicesFile(IReadOnlyList<SliceResult> slices) =>
        JsonSerializer.SerializeToUtf8Bytes([.. slices.Select(SliceJson.From)], JsonOutput.Indented.IReadOnlyListSliceJson);

    private static byte[] ErrorsFile(ErrorLists errors) => JsonSerializer.SerializeToUtf8Bytes(ErrorsJson.From(errors), JsonOutput.Indented.ErrorsJson);
}

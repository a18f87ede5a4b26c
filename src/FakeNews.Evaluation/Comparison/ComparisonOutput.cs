using System.Text;
using System.Text.Json;
using FakeNews.Evaluation.Reports;

namespace FakeNews.Evaluation.Comparison;

/// <summary>
/// Writes a compare folder: <c>comparison.json</c>, <c>comparison.md</c>, <c>comparison.html</c> and
/// <c>disagreements.jsonl</c> (one line per example whose labels differ: id, label, A's and B's prediction and p_fake, text).
/// </summary>
public static class ComparisonOutput
{
    /// <summary>Rows shown in the reports' disagreement tables (the JSONL file has them all).</summary>
    public const int DisagreementsShown = 50;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes every file of the folder.</summary>
    public static async Task WriteAsync(string directory, ComparisonResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(directory);
        await File.WriteAllBytesAsync(Path.Combine(directory, "comparison.json"), Json(result), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, "comparison.md"), ComparisonReport.Markdown(result), Utf8NoBom, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, "comparison.html"), ComparisonReport.Html(result), Utf8NoBom, cancellationToken).ConfigureAwait(false);
        var lines = new StringBuilder();
        foreach (var (a, b) in result.Disagreements)
        {
            lines.Append(Line(a, b)).Append('\n');
        }

        await File.WriteAllTextAsync(Path.Combine(directory, "disagreements.jsonl"), lines.ToString(), Utf8NoBom, cancellationToken).ConfigureAwait(false);
    }

    private static string Line(Scoring.Prediction a, Scoring.Prediction b) =>
        JsonSerializer.Serialize(DisagreementJson.From(a, b), JsonOutput.Line.DisagreementJson);

    private static byte[] Json(ComparisonResult r) => JsonSerializer.SerializeToUtf8Bytes(ComparisonJson.From(r), JsonOutput.Indented.ComparisonJson);
}

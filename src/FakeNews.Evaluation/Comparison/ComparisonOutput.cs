using System.Text;
using System.Text.Json;
using FakeNews.Evaluation.Metrics;
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

    private static string Line(Scoring.Prediction a, Scoring.Prediction b)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOutput.LineOptions))
        {
            json.WriteStartObject();
            json.WriteString("id", a.Example.Id);
            json.WriteString("label", a.Example.Label);
            json.WriteString("prediction_a", a.PredictedLabel);
            json.WriteNumber("p_fake_a", a.PFake);
            json.WriteString("prediction_b", b.PredictedLabel);
            json.WriteNumber("p_fake_b", b.PFake);
            if (a.Example.Title is not null)
            {
                json.WriteString("title", a.Example.Title);
            }

            json.WriteString("text", a.Example.Text);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static byte[] Json(ComparisonResult r)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOutput.IndentedOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("n", r.A.Metrics.N);
            json.WriteStartObject("data");
            json.WriteString("path", r.A.Folder.Data.Path);
            json.WriteString("sha256", r.A.Folder.Data.Sha256);
            json.WriteEndObject();
            Side(json, "a", r.A);
            Side(json, "b", r.B);
            json.WriteNumber("accuracy_difference", r.AccuracyDifference);
            JsonOutput.WriteInterval(json, "accuracy_difference_ci95", r.AccuracyDifferenceCi);
            json.WriteStartObject("bootstrap");
            json.WriteNumber("samples", r.BootstrapSamples);
            json.WriteNumber("seed", r.Seed);
            json.WriteEndObject();
            json.WriteStartObject("mcnemar");
            json.WriteNumber("only_a_wrong", r.McNemar.OnlyAWrong);
            json.WriteNumber("only_b_wrong", r.McNemar.OnlyBWrong);
            json.WriteNumber("exact_p", r.McNemar.ExactP);
            json.WriteNumber("chi_square", r.McNemar.ChiSquare);
            json.WriteNumber("chi_square_p", r.McNemar.ChiSquareP);
            json.WriteEndObject();
            json.WriteNumber("disagreements", r.Disagreements.Count);
            json.WriteStartArray("slices");
            foreach (var s in r.Slices)
            {
                json.WriteStartObject();
                json.WriteString("key", s.Key);
                json.WriteString("value", s.Value);
                json.WriteNumber("n", s.N);
                json.WriteNumber("accuracy_a", s.AccuracyA);
                json.WriteNumber("accuracy_b", s.AccuracyB);
                json.WriteNumber("difference", s.Difference);
                json.WriteNumber("mcnemar_exact_p", s.McNemarP);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void Side(Utf8JsonWriter json, string name, ComparedSide side)
    {
        json.WriteStartObject(name);
        json.WriteString("folder", side.Folder.Directory);
        json.WriteString("model", side.Folder.Model.Id);
        json.WriteStartObject("metrics");
        foreach (var (metric, value) in ComparisonReport.MetricRows(side.Metrics))
        {
            JsonOutput.WriteNullable(json, metric, value);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}

using System.Text;
using System.Text.Json;
using FakeNews.Core.Classification;
using FakeNews.Core.Data;
using FakeNews.Evaluation.Data;
using FakeNews.Evaluation.Scoring;
using FakeNews.Evaluation.Slices;

namespace FakeNews.Evaluation.Reports;

/// <summary>
/// <c>predictions.jsonl</c>: one object per example in file order with <c>id</c>, <c>label</c> (the true one),
/// <c>prediction</c>, <c>p_fake</c>, <c>correct</c>, <c>tokens</c>, <c>slices</c> (its slice keys, <c>length</c> included),
/// then <c>title</c> (when given), <c>text</c> and <c>metadata</c> (when given) for error analysis and <c>compare</c>.
/// </summary>
public static class PredictionsFile
{
    /// <summary>The file name inside an eval folder.</summary>
    public const string FileName = "predictions.jsonl";

    /// <summary>Writes the predictions to <paramref name="path"/>.</summary>
    public static async Task WriteAsync(string path, IReadOnlyList<Prediction> predictions, CancellationToken cancellationToken = default)
    {
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            foreach (var prediction in predictions)
            {
                var line = Encoding.UTF8.GetBytes(ToJson(prediction) + "\n");
                await stream.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One line of the file, without the newline.</summary>
    public static string ToJson(Prediction prediction) => JsonSerializer.Serialize(PredictionLineJson.From(prediction), JsonOutput.Line.PredictionLineJson);

    /// <summary>Reads a <c>predictions.jsonl</c> written by <see cref="WriteAsync"/>.</summary>
    /// <exception cref="DataFormatException">A line is not such a prediction.</exception>
    public static IReadOnlyList<Prediction> Read(string path)
    {
        var predictions = new List<Prediction>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                predictions.Add(Parse(document.RootElement, number));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new DataFormatException(path, number, $"not a prediction line ({e.Message})");
            }
        }

        return predictions;
    }

    private static Prediction Parse(JsonElement root, int line)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("slices", out var slices))
        {
            foreach (var property in slices.EnumerateObject().Where(p => p.Name != SliceKeyNames.Length))
            {
                keys[property.Name] = property.Value.GetString() ?? string.Empty;
            }
        }

        ArticleMetadata? metadata = null;
        if (root.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object)
        {
            metadata = ArticleMetadata.FromDictionary(m.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()));
        }

        var title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
        var example = new EvalExample(
            line,
            root.GetProperty("id").GetString()!,
            root.GetProperty("label").GetString() == Labels.Fake,
            root.GetProperty("text").GetString()!,
            title,
            metadata,
            keys);
        var tokens = root.TryGetProperty("tokens", out var n) ? n.GetInt32() : 0;
        return new Prediction(example, root.GetProperty("prediction").GetString() == Labels.Fake, root.GetProperty("p_fake").GetDouble(), tokens);
    }
}

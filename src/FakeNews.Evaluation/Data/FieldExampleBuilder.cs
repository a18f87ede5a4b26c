using FakeNews.Core.Classification;
using FakeNews.Core.Data;

namespace FakeNews.Evaluation.Data;

/// <summary>
/// Builds an example from named fields (a CSV row or a JSON object): <c>id</c>, <c>label</c> (fake|real, any case)
/// and <c>text</c> are required; <c>title</c> is optional; the metadata fields (speaker, job, party, state, subject,
/// context) also feed the model with <c>--metadata</c>; every other field but <c>job</c> is a slice key.
/// </summary>
internal static class FieldExampleBuilder
{
    /// <summary>The fields every row must have.</summary>
    public static IReadOnlyList<string> Required { get; } = ["id", "label", "text"];

    public static EvalExample Build(IReadOnlyDictionary<string, string> fields, string path, int line)
    {
        string Need(string name) => fields.TryGetValue(name, out var value)
            ? value
            : throw new DataFormatException(path, line, $"missing field '{name}'");

        var id = Need("id").Trim();
        if (id.Length == 0)
        {
            throw new DataFormatException(path, line, "empty id");
        }

        var label = Need("label").Trim().ToLowerInvariant();
        if (label is not (Labels.Fake or Labels.Real))
        {
            throw new DataFormatException(path, line, $"unknown label '{Need("label")}' (expected fake or real)");
        }

        var text = Need("text");
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DataFormatException(path, line, "empty text");
        }

        fields.TryGetValue("title", out var title);
        var metadata = ArticleMetadata.FromDictionary(fields.ToDictionary(kv => kv.Key, kv => (string?)kv.Value, StringComparer.OrdinalIgnoreCase));
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            if (name is not ("id" or "label" or "text" or "title" or "job"))
            {
                keys[name] = value.Trim();
            }
        }

        return new EvalExample(line, id, label == Labels.Fake, text, string.IsNullOrWhiteSpace(title) ? null : title, metadata, keys);
    }
}

using System.Text.Json;
using FakeNews.Core.Data;
using FakeNews.Core.Text;

namespace FakeNews.Evaluation.Data;

/// <summary>
/// JSON Lines (<see cref="JsonLines"/>): one object per non-blank line with the CSV's fields. String, number and boolean values are taken as
/// text; a nested <c>metadata</c> object contributes its fields; other nested values are ignored.
/// </summary>
internal static class JsonlDatasetReader
{
    public static List<EvalExample> Parse(string content, string path)
    {
        var examples = new List<EvalExample>();
        foreach (var (number, parsed, error) in JsonLines.Read(content))
        {
            if (error is not null)
            {
                throw new DataFormatException(path, number, $"invalid JSON ({error.Message.Split(" Path:")[0].TrimEnd('.')})");
            }

            using var document = parsed!;
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new DataFormatException(path, number, $"expected a JSON object, found {document.RootElement.ValueKind.ToString().ToLowerInvariant()}");
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            Collect(document.RootElement, fields, path, number);
            if (document.RootElement.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
            {
                Collect(metadata, fields, path, number);
            }

            examples.Add(FieldExampleBuilder.Build(fields, path, number));
        }

        return examples;
    }

    private static void Collect(JsonElement element, Dictionary<string, string> fields, string path, int line)
    {
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name.Trim().ToLowerInvariant();
            var value = property.Value;
            var text = JsonFields.Scalar(value);
            if (text is null)
            {
                if (name is "id" or "label" or "text" && value.ValueKind != JsonValueKind.Null)
                {
                    throw new DataFormatException(path, line, $"field '{name}' must be a string, found {value.ValueKind.ToString().ToLowerInvariant()}");
                }

                continue;
            }

            fields[name] = text;
        }
    }
}

using System.Text.Encodings.Web;
using System.Text.Json;
using FakeNews.Core.Classification;
using FakeNews.Evaluation.Metrics;

namespace FakeNews.Evaluation.Reports;

/// <summary>Shared JSON writing helpers.</summary>
internal static class JsonOutput
{
    /// <summary>Compact, with non-ASCII text kept readable.</summary>
    public static readonly JsonWriterOptions LineOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Indented, with non-ASCII text kept readable.</summary>
    public static readonly JsonWriterOptions IndentedOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    public static void WriteNullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    public static void WriteInterval(Utf8JsonWriter json, string name, Interval? interval)
    {
        if (interval is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartArray(name);
        json.WriteNumberValue(interval.Lower);
        json.WriteNumberValue(interval.Upper);
        json.WriteEndArray();
    }

    public static void WriteMetadata(Utf8JsonWriter json, string name, ArticleMetadata metadata)
    {
        json.WriteStartObject(name);
        foreach (var (field, value) in MetadataFields(metadata))
        {
            json.WriteString(field, value);
        }

        json.WriteEndObject();
    }

    /// <summary>The non-blank metadata fields in rendering order.</summary>
    public static IEnumerable<(string Name, string Value)> MetadataFields(ArticleMetadata metadata)
    {
        (string, string?)[] fields =
        [
            ("speaker", metadata.Speaker), ("job", metadata.Job), ("party", metadata.Party),
            ("state", metadata.State), ("subject", metadata.Subject), ("context", metadata.Context),
        ];
        return fields.Where(f => !string.IsNullOrWhiteSpace(f.Item2)).Select(f => (f.Item1, f.Item2!));
    }
}

using System.Text.Json;
using FakeNews.Core.Classification;

namespace FakeNews.Core.Models;

/// <summary>Reads <c>config.json</c> into a validated <see cref="ModelConfig"/>.</summary>
internal static class ModelConfigParser
{
    /// <summary>Parses and validates; every failure is an <see cref="InvalidDataException"/> naming the file and the problem.</summary>
    public static ModelConfig Parse(string json, string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw Error(path, $"is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Error(path, "must hold a JSON object.");
            }

            var name = RequiredString(root, "name", path);
            var version = RequiredString(root, "version", path);
            var architecture = OptionalString(root, "architecture", path) ?? "unknown";
            var labels = RequiredStrings(root, "labels", path);
            var maxLength = RequiredInt(root, "max_length", path);
            var doLowerCase = OptionalBool(root, "do_lower_case", path) ?? true;
            var temperature = OptionalFloat(root, "temperature", path) ?? 1.0f;
            var threshold = OptionalFloat(root, "threshold", path) ?? 0.5f;
            var inputs = OptionalStrings(root, "inputs", path) ?? ["input_ids", "attention_mask"];
            var outputs = OptionalStrings(root, "outputs", path) ?? ["logits"];
            int? vocabSize = Field(root, "vocab_size") is null ? null : RequiredInt(root, "vocab_size", path);

            if (labels.Count < 2)
            {
                throw Error(path, $"field 'labels' must list at least two labels; it has {labels.Count}.");
            }

            if (!labels.Contains(ModelConfig.FakeLabel, StringComparer.Ordinal))
            {
                throw Error(path, $"field 'labels' must contain \"{ModelConfig.FakeLabel}\"; it is [{string.Join(", ", labels)}].");
            }

            if (labels.Distinct(StringComparer.Ordinal).Count() != labels.Count)
            {
                throw Error(path, $"field 'labels' has duplicates: [{string.Join(", ", labels)}].");
            }

            if (maxLength < ModelConfig.MinMaxLength || maxLength > ModelConfig.MaxMaxLength)
            {
                throw Error(path, $"field 'max_length' is {maxLength}; it must be between {ModelConfig.MinMaxLength} and {ModelConfig.MaxMaxLength}.");
            }

            if (!(temperature > 0) || float.IsInfinity(temperature))
            {
                throw Error(path, $"field 'temperature' is {temperature}; it must be a finite number greater than 0.");
            }

            if (!(threshold is >= 0 and <= 1))
            {
                throw Error(path, $"field 'threshold' is {threshold}; it must be between 0 and 1.");
            }

            if (outputs.Count == 0)
            {
                throw Error(path, "field 'outputs' must name the logits output.");
            }

            if (vocabSize < 1)
            {
                throw Error(path, $"field 'vocab_size' is {vocabSize}; it must be positive.");
            }

            var kinds = Kinds(root, path);
            if (kinds is not null && labels.Count != 2)
            {
                throw Error(path, $"field 'calibration.kinds' needs exactly two labels (real, fake); 'labels' has {labels.Count}.");
            }

            var kindOutputs = KindOutputs(root, outputs, path);
            return new ModelConfig(name, version, architecture, labels, maxLength, doLowerCase, temperature, threshold, inputs, outputs, kinds, vocabSize, kindOutputs);
        }
    }

    /// <summary>Reads the optional <c>calibration.kinds</c> object: kind name -> temperature, bias, threshold.</summary>
    private static Dictionary<InputKind, KindCalibration>? Kinds(JsonElement root, string path)
    {
        if (OptionalObject(root, "calibration", "calibration", string.Empty, path) is not { } calibration
            || OptionalObject(calibration, "kinds", "calibration.kinds", " of kind name -> { temperature, bias, threshold }", path) is not { } kinds)
        {
            return null;
        }

        var result = new Dictionary<InputKind, KindCalibration>();
        foreach (var (kind, where, entry) in KindEntries(kinds, "calibration.kinds", path))
        {
            if (entry.Value.ValueKind != JsonValueKind.Object)
            {
                throw Error(path, $"field '{where}' must be an object with temperature, bias and threshold.");
            }

            var temperature = OptionalFloat(entry.Value, "temperature", path) ?? throw Error(path, $"field '{where}' is missing 'temperature'.");
            var bias = OptionalFloat(entry.Value, "bias", path) ?? 0f;
            var threshold = OptionalFloat(entry.Value, "threshold", path) ?? throw Error(path, $"field '{where}' is missing 'threshold'.");
            if (!(temperature > 0) || float.IsInfinity(temperature))
            {
                throw Error(path, $"field '{where}.temperature' is {temperature}; it must be a finite number greater than 0.");
            }

            if (!float.IsFinite(bias))
            {
                throw Error(path, $"field '{where}.bias' is {bias}; it must be a finite number.");
            }

            if (!(threshold is >= 0 and <= 1))
            {
                throw Error(path, $"field '{where}.threshold' is {threshold}; it must be between 0 and 1.");
            }

            result[kind] = new KindCalibration(temperature, bias, threshold);
        }

        return result;
    }

    /// <summary>Reads the optional <c>kind_outputs</c> object: kind name -> the name of one of <paramref name="outputs"/>.</summary>
    private static Dictionary<InputKind, string>? KindOutputs(JsonElement root, List<string> outputs, string path)
    {
        if (OptionalObject(root, "kind_outputs", "kind_outputs", " of kind name -> output name, e.g. {\"post\": \"post_logits\"}", path) is not { } kindOutputs)
        {
            return null;
        }

        var result = new Dictionary<InputKind, string>();
        foreach (var (kind, where, entry) in KindEntries(kindOutputs, "kind_outputs", path))
        {
            var listed = $"the outputs are [{string.Join(", ", outputs)}] (field 'outputs')";
            if (entry.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(entry.Value.GetString()))
            {
                throw Error(path, $"field '{where}' must be the name of an output; {listed}.");
            }

            var output = entry.Value.GetString()!.Trim();
            if (!outputs.Contains(output, StringComparer.Ordinal))
            {
                throw Error(path, $"field '{where}' is '{output}', which is not listed in 'outputs'; {listed}. Add it there or map the kind to a listed output.");
            }

            result[kind] = output;
        }

        return result;
    }

    /// <summary>The members of a kind-keyed object with their kind and their field path; an unknown kind name is an error.</summary>
    private static IEnumerable<(InputKind Kind, string Where, JsonProperty Entry)> KindEntries(JsonElement element, string field, string path)
    {
        foreach (var entry in element.EnumerateObject())
        {
            var where = $"{field}.{entry.Name}";
            if (!InputKinds.TryParse(entry.Name, out var kind))
            {
                throw Error(path, $"field '{where}' names an unknown kind; the kinds are {KnownKinds()}.");
            }

            yield return (kind, where, entry);
        }
    }

    private static string KnownKinds() => string.Join(", ", Enum.GetValues<InputKind>().Select(InputKinds.Name));

    private static InvalidDataException Error(string path, string problem, Exception? inner = null) =>
        new($"Model config '{path}' {problem}", inner);

    private static JsonElement? Field(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>The object field <paramref name="name"/> of <paramref name="parent"/>, or null when absent; any other
    /// value is an error that names the field as <paramref name="where"/> and the object's expected <paramref name="shape"/>.</summary>
    private static JsonElement? OptionalObject(JsonElement parent, string name, string where, string shape, string path)
    {
        if (Field(parent, name) is not { } value)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? value : throw Error(path, $"field '{where}' must be an object{shape}.");
    }

    private static string RequiredString(JsonElement root, string name, string path) =>
        OptionalString(root, name, path) ?? throw Error(path, $"is missing the required field '{name}'.");

    private static string? OptionalString(JsonElement root, string name, string path)
    {
        if (Field(root, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw Error(path, $"field '{name}' must be a non-empty string.");
        }

        return value.GetString()!.Trim();
    }

    private static List<string> RequiredStrings(JsonElement root, string name, string path) =>
        OptionalStrings(root, name, path) ?? throw Error(path, $"is missing the required field '{name}'.");

    private static List<string>? OptionalStrings(JsonElement root, string name, string path)
    {
        if (Field(root, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array
            || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(e.GetString())))
        {
            throw Error(path, $"field '{name}' must be an array of non-empty strings.");
        }

        return value.EnumerateArray().Select(e => e.GetString()!.Trim()).ToList();
    }

    private static int RequiredInt(JsonElement root, string name, string path)
    {
        if (Field(root, name) is not { } value)
        {
            throw Error(path, $"is missing the required field '{name}'.");
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var result))
        {
            throw Error(path, $"field '{name}' must be an integer.");
        }

        return result;
    }

    private static bool? OptionalBool(JsonElement root, string name, string path)
    {
        if (Field(root, name) is not { } value)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(path, $"field '{name}' must be true or false."),
        };
    }

    private static float? OptionalFloat(JsonElement root, string name, string path)
    {
        if (Field(root, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var result))
        {
            throw Error(path, $"field '{name}' must be a number.");
        }

        return (float)result;
    }
}

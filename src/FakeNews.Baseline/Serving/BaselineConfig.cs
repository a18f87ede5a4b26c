using System.Text.Json;
using System.Text.Json.Serialization;

namespace FakeNews.Baseline.Serving;

/// <summary>
/// The <c>config.json</c> of a baseline model folder. Hosts pick the baseline over the ONNX pipeline when
/// <see cref="Architecture"/> is <see cref="ArchitectureName"/>.
/// </summary>
public sealed record BaselineConfig
{
    /// <summary>The architecture string that marks a baseline folder.</summary>
    public const string ArchitectureName = "MlNetBaseline";

    /// <summary>The ML.NET model's file name inside the folder.</summary>
    public const string ModelFileName = "model.zip";

    /// <summary>The speaker history table's file name inside the folder.</summary>
    public const string HistoryFileName = "speaker_history.json";

    /// <summary>The config's file name inside the folder.</summary>
    public const string ConfigFileName = "config.json";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Model name, e.g. <c>baseline-liar</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Model version.</summary>
    public required string Version { get; init; }

    /// <summary>Always <see cref="ArchitectureName"/>.</summary>
    public string Architecture { get; init; } = ArchitectureName;

    /// <summary>Labels: <c>real</c>, <c>fake</c>.</summary>
    public IReadOnlyList<string> Labels { get; init; } = ["real", "fake"];

    /// <summary>The label is fake when p_fake is at least this.</summary>
    public float Threshold { get; init; } = 0.5f;

    /// <summary>The kept trainer (<c>FastForest</c> or <c>LightGbm</c>).</summary>
    public required string Trainer { get; init; }

    /// <summary>Informational: the training data.</summary>
    public string? TrainingData { get; init; }

    /// <summary>Informational: valid metrics of the kept model.</summary>
    public IReadOnlyDictionary<string, double>? ValidMetrics { get; init; }

    /// <summary>True when <paramref name="directory"/> holds a config.json whose architecture is <see cref="ArchitectureName"/>. Cheap.</summary>
    public static bool IsBaselineFolder(string directory)
    {
        var path = Path.Combine(directory, ConfigFileName);
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("architecture", out var architecture)
                && architecture.ValueKind == JsonValueKind.String
                && architecture.GetString() == ArchitectureName;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Reads and validates a folder's config.</summary>
    /// <exception cref="InvalidDataException">Missing file, bad JSON, missing field or no <c>fake</c> label; the message names the file.</exception>
    public static BaselineConfig Load(string directory)
    {
        var path = Path.Combine(directory, ConfigFileName);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"Baseline model folder '{directory}' is missing the file '{ConfigFileName}'.");
        }

        BaselineConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<BaselineConfig>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Baseline config '{path}' is not valid: {e.Message}", e);
        }

        if (config is null || config.Architecture != ArchitectureName)
        {
            throw new InvalidDataException($"Baseline config '{path}' must have \"architecture\": \"{ArchitectureName}\".");
        }

        if (config.Labels.Count != 2 || !config.Labels.Contains("fake") || !config.Labels.Contains("real"))
        {
            throw new InvalidDataException($"Baseline config '{path}' field 'labels' must be [\"real\", \"fake\"].");
        }

        if (!(config.Threshold is >= 0 and <= 1))
        {
            throw new InvalidDataException($"Baseline config '{path}' field 'threshold' is {config.Threshold}; it must be between 0 and 1.");
        }

        return config;
    }

    /// <summary>Writes the config to <paramref name="directory"/>.</summary>
    public void Save(string directory) =>
        File.WriteAllText(Path.Combine(directory, ConfigFileName), JsonSerializer.Serialize(this, JsonOptions) + "\n");

    /// <summary><c>name@version</c>.</summary>
    [JsonIgnore]
    public string Id => $"{Name}@{Version}";
}

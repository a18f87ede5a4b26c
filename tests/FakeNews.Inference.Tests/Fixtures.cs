using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using FakeNews.Core.Classification;
using FakeNews.Inference;
using Microsoft.Extensions.Logging;

namespace FakeNews.Inference.Tests;

/// <summary>Paths of committed fixtures and writable copies of the tiny models.</summary>
internal static class Fixtures
{
    public static string Root { get; } = FakeNews.Testing.RepositoryRoot.Find();

    public static string Model(string name) => Path.Combine(Root, "tests", "fixtures", name);

    public static string EdgeCase(string file) => Path.Combine(Root, "tests", "fixtures", "onnx-edge-cases", file);

    public static ClassifierOptions Options(string modelDirectory, ExecutionDevice device = ExecutionDevice.Cpu) => new()
    {
        ModelDirectory = modelDirectory,
        Device = device,
        IntraOpThreads = 1,
    };

    /// <summary>The golden cases of a fixture: model input, reference ids (with specials) and reference logits.</summary>
    public static IReadOnlyList<GoldenCase> Golden(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Model(name), "golden.json")));
        return json.RootElement.GetProperty("cases").EnumerateArray()
            .Select(c => new GoldenCase(
                c.GetProperty("model_input").GetString()!,
                c.GetProperty("input_ids").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
                c.GetProperty("logits").EnumerateArray().Select(e => e.GetSingle()).ToArray()))
            .ToList();
    }

    /// <summary>
    /// The golden cases of a fixture with a post head: the request (text, title, metadata), the kind the hosts derive
    /// for it, and the reference logits of both heads for its single unpadded sequence.
    /// </summary>
    public static IReadOnlyList<HeadGoldenCase> HeadGolden(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Model(name), "golden.json")));
        return json.RootElement.GetProperty("cases").EnumerateArray()
            .Select(c => new HeadGoldenCase(
                new ClassificationRequest(c.GetProperty("text").GetString()!, OptionalString(c, "title"), Metadata(c)),
                c.GetProperty("model_input").GetString()!,
                c.GetProperty("input_ids").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
                InputKinds.TryParse(c.GetProperty("kind").GetString(), out var kind) ? kind : throw new InvalidDataException($"{name}/golden.json: unknown kind."),
                Floats(c.GetProperty("logits")),
                Floats(c.GetProperty("post_logits"))))
            .ToList();
    }

    private static float[] Floats(JsonElement array) => array.EnumerateArray().Select(e => e.GetSingle()).ToArray();

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static ArticleMetadata? Metadata(JsonElement element) =>
        element.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object
            ? new ArticleMetadata(
                OptionalString(m, "speaker"),
                OptionalString(m, "job"),
                OptionalString(m, "party"),
                OptionalString(m, "state"),
                OptionalString(m, "subject"),
                OptionalString(m, "context"))
            : null;
}

internal sealed record GoldenCase(string ModelInput, int[] InputIds, float[] Logits);

/// <summary>A golden case of a two-head fixture; <see cref="Expected"/> is the reference p(fake) of the head its kind is scored with.</summary>
internal sealed record HeadGoldenCase(
    ClassificationRequest Request, string ModelInput, int[] InputIds, InputKind Kind, float[] Logits, float[] PostLogits)
{
    public float Expected => Calibration.Softmax(Kind == InputKind.Post ? PostLogits : Logits, 1f)[1];

    public float MainHead => Calibration.Softmax(Logits, 1f)[1];

    public float PostHead => Calibration.Softmax(PostLogits, 1f)[1];
}

/// <summary>A writable copy of a tiny fixture model in a temp folder, deleted on dispose.</summary>
internal sealed class TempModel : IDisposable
{
    public TempModel(string fixture = "tiny-distilbert")
    {
        Directory = Path.Combine(Path.GetTempPath(), "fakenews-inference-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var file in System.IO.Directory.GetFiles(Fixtures.Model(fixture)))
        {
            File.Copy(file, Path.Combine(Directory, Path.GetFileName(file)));
        }
    }

    public string Directory { get; }

    public void ReplaceOnnx(string path) => File.Copy(path, Path.Combine(Directory, "model.onnx"), overwrite: true);

    public void EditConfig(Action<JsonObject> edit)
    {
        var path = Path.Combine(Directory, "config.json");
        var config = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(config);
        File.WriteAllText(path, config.ToJsonString());
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

/// <summary>Records every log entry, to assert on what a component logged.</summary>
internal sealed class RecordingLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue((logLevel, category, formatter(state, exception)));
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
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
}

internal sealed record GoldenCase(string ModelInput, int[] InputIds, float[] Logits);

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

using System.Text.Json.Nodes;

namespace FakeNews.Core.Tests.Models;

/// <summary>A writable copy of a committed tiny fixture model in a temp folder, deleted on dispose.</summary>
internal sealed class ModelFixture : IDisposable
{
    public ModelFixture(string fixture = "tiny-distilbert")
    {
        Directory = Path.Combine(Path.GetTempPath(), "fakenews-model-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var file in System.IO.Directory.GetFiles(Source(fixture)))
        {
            File.Copy(file, Path.Combine(Directory, Path.GetFileName(file)));
        }
    }

    public string Directory { get; }

    public string PathOf(string file) => Path.Combine(Directory, file);

    /// <summary>The committed fixture folder, found by walking up from the test binaries.</summary>
    public static string Source(string fixture)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", fixture);
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"tests/fixtures/{fixture} not found above {AppContext.BaseDirectory}.");
    }

    public void EditConfig(Action<JsonObject> edit)
    {
        var config = JsonNode.Parse(File.ReadAllText(PathOf("config.json")))!.AsObject();
        edit(config);
        File.WriteAllText(PathOf("config.json"), config.ToJsonString());
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

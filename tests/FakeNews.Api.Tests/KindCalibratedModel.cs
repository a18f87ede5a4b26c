using System.Text.Json.Nodes;

namespace FakeNews.Api.Tests;

/// <summary>
/// A copy of the tiny test model with per-kind calibration whose thresholds all differ (temperature 1, bias 0), so
/// that a result shows which kind's threshold decided it. Deleted on dispose.
/// </summary>
internal sealed class KindCalibratedModel : IDisposable
{
    public static readonly IReadOnlyDictionary<string, double> Thresholds = new Dictionary<string, double>
    {
        ["claim"] = 0.3,
        ["headline"] = 0.45,
        ["article"] = 0.6,
        ["post"] = 0.7,
    };

    public KindCalibratedModel()
    {
        Directory = Path.Combine(Path.GetTempPath(), "fakenews-api-kinds-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var file in System.IO.Directory.GetFiles(Repo.TinyDistilBert))
        {
            File.Copy(file, Path.Combine(Directory, Path.GetFileName(file)));
        }

        var path = Path.Combine(Directory, "config.json");
        var config = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var kinds = new JsonObject();
        foreach (var (kind, threshold) in Thresholds)
        {
            kinds[kind] = new JsonObject { ["temperature"] = 1.0, ["bias"] = 0.0, ["threshold"] = threshold };
        }

        config["calibration"] = new JsonObject { ["kinds"] = kinds };
        File.WriteAllText(path, config.ToJsonString());
    }

    public string Directory { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

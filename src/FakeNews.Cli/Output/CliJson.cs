using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using FakeNews.Cli.Bench;

namespace FakeNews.Cli.Output;

/// <summary>The CLI's JSON shapes, serialized by generated code with snake_case names.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(PredictionJson))]
[JsonSerializable(typeof(ModelInfoJson))]
[JsonSerializable(typeof(ScoreRowJson))]
[JsonSerializable(typeof(ExplainedScoreRowJson))]
[JsonSerializable(typeof(BenchJson))]
[JsonSerializable(typeof(ExplainBenchJson))]
[JsonSerializable(typeof(FakeNews.Evaluation.Scoring.Refusal))]
internal sealed partial class CliJson : JsonSerializerContext
{
    /// <summary>Compact, non-ASCII kept readable: the rows of <c>score</c> output files.</summary>
    public static CliJson Relaxed { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Indented, for reports read by people (<c>bench --json</c>).</summary>
    public static CliJson Indented { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    });
}

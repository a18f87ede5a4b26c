using System.Text.Json.Serialization;

namespace FakeNews.Cli.Output;

/// <summary>A <c>score</c> JSONL row: every column written, absent values as null.</summary>
internal record ScoreRowJson(string Id, string? Label, double? PFake, string? Kind, double? Threshold, int? Tokens, int? Chunks, string? Model, string? Error)
{
    /// <summary>The row for <paramref name="row"/>, p_fake and threshold rounded to 6 decimals.</summary>
    public static ScoreRowJson From(OutputRow row) =>
        new(row.Id, row.Label, row.PFake is { } p ? Math.Round(p, 6) : null, row.Kind, row.Threshold is { } t ? Math.Round(t, 6) : null,
            row.Tokens, row.Chunks, row.Model, row.Error);
}

/// <summary>A <c>score --explain</c> JSONL row: the plain row, then <c>top_units</c> (null on error rows).</summary>
internal sealed record ExplainedScoreRowJson : ScoreRowJson
{
    /// <summary>Adds <paramref name="topUnits"/> to <paramref name="row"/>.</summary>
    public ExplainedScoreRowJson(ScoreRowJson row, IReadOnlyList<AttributionJson>? topUnits)
        : base(row)
    {
        TopUnits = topUnits;
    }

    /// <summary>The strongest units, strongest first.</summary>
    [JsonPropertyOrder(1)]
    public IReadOnlyList<AttributionJson>? TopUnits { get; init; }
}

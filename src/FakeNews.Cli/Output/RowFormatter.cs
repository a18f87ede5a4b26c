using System.Globalization;
using System.Text.Json;
using FakeNews.Cli.Readers;
using FakeNews.Core.Explanations;
using FakeNews.Core.Text;

namespace FakeNews.Cli.Output;

/// <summary>Formats rows as single lines (no trailing newline) of JSONL or CSV.</summary>
internal static class RowFormatter
{
    /// <summary>The CSV header line.</summary>
    public static string CsvHeader { get; } = string.Join(',', OutputRow.Columns);

    /// <summary>The CSV header line of <c>score --explain</c>.</summary>
    public static string ExplainCsvHeader { get; } = string.Join(',', OutputRow.ExplainColumns);

    /// <summary>
    /// The row as one line in <paramref name="format"/>; with <paramref name="explain"/> it adds <c>top_units</c>
    /// (a JSON array, or in CSV <c>text (+0.1234); …</c>), empty on error rows.
    /// </summary>
    public static string Format(OutputRow row, OutputFormat format, bool explain = false) => format == OutputFormat.Csv
        ? (explain ? ToCsv(row) + "," + CsvParser.Escape(TopUnitsCell(row.TopUnits)) : ToCsv(row))
        : ToJson(row, explain);

    private static string TopUnitsCell(IReadOnlyList<Attribution>? units) => units is null
        ? string.Empty
        : string.Join("; ", units.Select(u => string.Create(CultureInfo.InvariantCulture, $"{u.Text} ({u.Weight:+0.0000;-0.0000;0.0000})")));

    /// <summary>The row as a JSON object on one line.</summary>
    public static string ToJson(OutputRow row, bool explain = false)
    {
        var plain = ScoreRowJson.From(row);
        return explain
            ? JsonSerializer.Serialize(new ExplainedScoreRowJson(plain, row.TopUnits is { } units ? AttributionJson.List(units) : null), CliJson.Relaxed.ExplainedScoreRowJson)
            : JsonSerializer.Serialize(plain, CliJson.Relaxed.ScoreRowJson);
    }

    /// <summary>The row as a CSV record; absent values are empty fields.</summary>
    public static string ToCsv(OutputRow row) => string.Join(',',
        CsvParser.Escape(row.Id),
        CsvParser.Escape(row.Label),
        row.PFake is { } p ? Round(p).ToString("R", CultureInfo.InvariantCulture) : string.Empty,
        CsvParser.Escape(row.Kind),
        row.Threshold is { } t ? Round(t).ToString("R", CultureInfo.InvariantCulture) : string.Empty,
        row.Tokens?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
        row.Chunks?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
        CsvParser.Escape(row.Model),
        CsvParser.Escape(row.Error));

    private static double Round(double p) => Math.Round(p, 6);
}

using System.Globalization;

namespace FakeNews.Baseline.Data;

/// <summary>
/// Reads LIAR TSV files: UTF-8, no header, exactly 14 fields split on TAB only (quoting off: eight statements begin
/// with an unbalanced quote, which a CSV reader would merge with the following lines).
/// </summary>
public static class LiarTsv
{
    /// <summary>LIAR's six-way labels from most to least false; the first three map to fake.</summary>
    public static IReadOnlyList<string> SixWayLabels { get; } = ["pants-fire", "false", "barely-true", "half-true", "mostly-true", "true"];

    private const int Columns = 14;

    // Count columns 9..13 are barely_true, false, half_true, mostly_true, pants_on_fire; map them to six-way order.
    private static readonly int[] CountColumnToLabel = [2, 1, 3, 4, 0];

    /// <summary>Reads a whole file.</summary>
    /// <exception cref="InvalidDataException">A line is malformed; the message names the file, the line and the problem.</exception>
    public static IReadOnlyList<LiarRow> Read(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses file content; <paramref name="path"/> only names the source in errors.</summary>
    /// <exception cref="InvalidDataException">A line is malformed; the message names the file, the line and the problem.</exception>
    public static IReadOnlyList<LiarRow> Parse(string content, string path)
    {
        ArgumentNullException.ThrowIfNull(content);
        var rows = new List<LiarRow>();
        var lines = content.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            rows.Add(ParseLine(line, path, i + 1));
        }

        return rows;
    }

    private static LiarRow ParseLine(string line, string path, int number)
    {
        var fields = line.Split('\t');
        if (fields.Length != Columns)
        {
            throw Error(path, number, $"expected {Columns} tab-separated fields, found {fields.Length}");
        }

        var label = SixWayLabels.ToList().IndexOf(fields[1].Trim());
        if (label < 0)
        {
            throw Error(path, number, $"unknown label '{fields[1].Trim()}' (expected one of {string.Join(", ", SixWayLabels)})");
        }

        var statement = fields[2].Trim();
        if (statement.Length == 0)
        {
            throw Error(path, number, "empty statement (field 3)");
        }

        var counts = new float[SixWayLabels.Count];
        for (var c = 0; c < CountColumnToLabel.Length; c++)
        {
            var raw = fields[8 + c].Trim();
            if (raw.Length == 0)
            {
                continue;
            }

            if (!float.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                throw Error(path, number, $"count '{raw}' (field {9 + c}) is not a non-negative number");
            }

            counts[CountColumnToLabel[c]] = value;
        }

        return new LiarRow(
            fields[0].Trim(), label, statement, fields[3].Trim(), fields[4].Trim(), fields[5].Trim(),
            fields[6].Trim(), fields[7].Trim(), fields[13].Trim(), counts);
    }

    private static InvalidDataException Error(string path, int line, string problem) => new($"{path}:{line}: {problem}");
}

using System.Globalization;

namespace FakeNews.Core.Data;

/// <summary>
/// Reads LIAR TSV files: no header, exactly 14 fields split on TAB only (quoting off: eight statements begin with an
/// unbalanced quote, which a CSV reader would merge with the following lines). Blank lines are skipped.
/// </summary>
public static class LiarTsv
{
    /// <summary>LIAR's six-way labels from most to least false; the first three map to fake.</summary>
    public static IReadOnlyList<string> SixWayLabels { get; } = ["pants-fire", "false", "barely-true", "half-true", "mostly-true", "true"];

    /// <summary>The column count of every LIAR line.</summary>
    public const int Columns = 14;

    // Count columns 9..13 are barely_true, false, half_true, mostly_true, pants_on_fire; map them to six-way order.
    private static readonly int[] CountColumnToLabel = [2, 1, 3, 4, 0];

    /// <summary>Reads a whole UTF-8 file.</summary>
    /// <exception cref="DataFormatException">A line is malformed.</exception>
    public static IReadOnlyList<LiarRow> Read(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses file content (LF or CRLF lines); <paramref name="path"/> only names the source in errors.</summary>
    /// <exception cref="DataFormatException">A line is malformed.</exception>
    public static IReadOnlyList<LiarRow> Parse(string content, string path)
    {
        ArgumentNullException.ThrowIfNull(content);
        var rows = new List<LiarRow>();
        var lines = content.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].EndsWith('\r') ? lines[i][..^1] : lines[i];
            if (line.Length > 0)
            {
                rows.Add(ParseLine(line, path, i + 1));
            }
        }

        return rows;
    }

    private static LiarRow ParseLine(string line, string path, int number)
    {
        var fields = line.Split('\t');
        if (fields.Length != Columns)
        {
            throw new DataFormatException(path, number, $"expected {Columns} tab-separated columns, found {fields.Length}");
        }

        var id = fields[0].Trim();
        if (id.Length == 0)
        {
            throw new DataFormatException(path, number, "empty id (column 1)");
        }

        var sixWay = fields[1].Trim();
        var label = SixWayLabels.ToList().IndexOf(sixWay);
        if (label < 0)
        {
            throw new DataFormatException(path, number, $"unknown label '{sixWay}' (expected one of {string.Join(", ", SixWayLabels)})");
        }

        var statement = fields[2].Trim();
        if (statement.Length == 0)
        {
            throw new DataFormatException(path, number, "empty statement (column 3)");
        }

        var counts = new float[SixWayLabels.Count];
        for (var c = 0; c < CountColumnToLabel.Length; c++)
        {
            var raw = fields[8 + c].Trim();
            if (raw.Length == 0)
            {
                continue;
            }

            if (!float.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new DataFormatException(path, number, $"credit-history count '{raw}' (column {9 + c}) is not a number");
            }

            if (value < 0)
            {
                throw new DataFormatException(path, number, $"credit-history count '{raw}' (column {9 + c}) is negative");
            }

            counts[CountColumnToLabel[c]] = value;
        }

        return new LiarRow(
            number, id, label, statement, fields[3].Trim(), fields[4].Trim(), fields[5].Trim(),
            fields[6].Trim(), fields[7].Trim(), fields[13].Trim(), counts);
    }
}

using FakeNews.Core.Data;

namespace FakeNews.Evaluation.Data;

/// <summary>
/// LIAR TSV through <see cref="LiarTsv"/>. The six-way label maps to fake (pants-fire, false, barely-true) or real, as
/// in training (scripts/fakenews_train/liar.py), and is kept as the <c>six_way_label</c> slice key.
/// </summary>
internal static class LiarReader
{
    /// <exception cref="DataFormatException">A line is malformed.</exception>
    public static List<EvalExample> Parse(string content, string path) => LiarTsv.Parse(content, path).Select(ToExample).ToList();

    private static EvalExample ToExample(LiarRow row)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SliceKeyNames.SixWayLabel] = row.SixWayName,
            ["party"] = row.Party,
            ["state"] = row.State,
            ["speaker"] = row.Speaker,
            ["subject"] = row.Subject,
            ["context"] = row.Context,
        };
        return new EvalExample(row.Line, row.Id, row.IsFake, row.Statement, null, row.Metadata, keys);
    }
}

/// <summary>The slice keys the harness derives itself.</summary>
public static class SliceKeyNames
{
    /// <summary>LIAR's six-way label.</summary>
    public const string SixWayLabel = "six_way_label";

    /// <summary>The text length bucket (words).</summary>
    public const string Length = "length";

    /// <summary>The dataset an example comes from, in mixed CSV/JSONL files.</summary>
    public const string SourceDataset = "source_dataset";
}

using System.Globalization;
using FakeNews.Core.Classification;

namespace FakeNews.Evaluation.Data;

/// <summary>
/// LIAR TSV: 14 columns split on TAB only (eight statements begin with an unbalanced quote, so a CSV reader would
/// merge lines). The six-way label maps to fake (pants-fire, false, barely-true) or real, as in training
/// (scripts/fakenews_train/liar.py), and is kept as the <c>six_way_label</c> slice key.
/// </summary>
internal static class LiarReader
{
    /// <summary>The column count of every LIAR line.</summary>
    public const int Columns = 14;

    public static List<EvalExample> Parse(string content, string path)
    {
        var examples = new List<EvalExample>();
        foreach (var (number, line) in DatasetReader.Lines(content))
        {
            if (line.Length == 0)
            {
                continue;
            }

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
            var index = Labels.SixWay.ToList().IndexOf(sixWay);
            if (index < 0)
            {
                throw new DataFormatException(path, number, $"unknown label '{sixWay}' (expected one of {string.Join(", ", Labels.SixWay)})");
            }

            var statement = fields[2].Trim();
            if (statement.Length == 0)
            {
                throw new DataFormatException(path, number, "empty statement (column 3)");
            }

            for (var column = 8; column < 13; column++)
            {
                var count = fields[column].Trim();
                if (count.Length > 0 && !double.TryParse(count, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    throw new DataFormatException(path, number, $"credit-history count '{count}' (column {column + 1}) is not a number");
                }
            }

            string subject = fields[3].Trim(), speaker = fields[4].Trim(), job = fields[5].Trim();
            string state = fields[6].Trim(), party = fields[7].Trim(), context = fields[13].Trim();
            var keys = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [SliceKeyNames.SixWayLabel] = sixWay,
                ["party"] = party,
                ["state"] = state,
                ["speaker"] = speaker,
                ["subject"] = subject,
                ["context"] = context,
            };
            var metadata = new ArticleMetadata(Blank(speaker), Blank(job), Blank(party), Blank(state), Blank(subject), Blank(context));
            examples.Add(new EvalExample(number, id, index < 3, statement, null, metadata.IsEmpty ? null : metadata, keys));
        }

        return examples;
    }

    private static string? Blank(string value) => value.Length == 0 ? null : value;
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

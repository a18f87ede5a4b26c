using System.Text;
using System.Text.Json;

namespace FakeNews.Core.Tests.Tokenization;

/// <summary>The texts the differential tests run: every text in ../shared/data and the adversarial corpus.</summary>
internal static class TokenizerCorpus
{
    /// <summary>
    /// LIAR statements (train and valid) and every title and text of the article CSVs; skips the calling test (which
    /// must be a SkippableFact or SkippableTheory) when the data folder is absent.
    /// </summary>
    public static List<string> DataTexts() =>
        DataItems().SelectMany(item => item.Title is null ? [item.Text] : new[] { item.Title, item.Text }).ToList();

    /// <summary>
    /// Every item of the data sets as a host receives it: LIAR statements (train and valid) without a title, then each
    /// article CSV's rows with their title (null when empty); skips the calling test when the data folder is absent.
    /// </summary>
    public static List<(string Text, string? Title)> DataItems()
    {
        var data = RepositoryPaths.Data;
        Skip.IfNot(FakeNews.Testing.DataFolder.HasLiar, FakeNews.Testing.DataFolder.MissingMessage);
        var items = new List<(string Text, string? Title)>();
        foreach (var split in new[] { "train.tsv", "valid.tsv" })
        {
            // LIAR is split on tabs only: statements contain quotes that are not CSV quoting.
            foreach (var line in File.ReadAllText(Path.Combine(data, "liar", split)).Split('\n'))
            {
                var fields = line.TrimEnd('\r').Split('\t');
                if (fields.Length > 2)
                {
                    items.Add((fields[2], null));
                }
            }
        }

        foreach (var csv in Directory.GetFiles(Path.Combine(data, "articles"), "*.csv").Order(StringComparer.Ordinal))
        {
            var rows = ParseCsv(File.ReadAllText(csv));
            var header = rows[0];
            var title = header.IndexOf("title");
            var text = header.IndexOf("text");
            Assert.True(title >= 0 && text >= 0, $"{csv} lacks a title or text column.");
            items.AddRange(rows.Skip(1).Select(row => (row[text], row[title].Length > 0 ? row[title] : (string?)null)));
        }

        return items;
    }

    /// <summary>tests/fixtures/tokenizer/adversarial.jsonl: one JSON string a line.</summary>
    public static List<string> AdversarialTexts()
    {
        var lines = File.ReadAllText(RepositoryPaths.AdversarialCorpus, Encoding.UTF8).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Select(line => JsonSerializer.Deserialize<string>(line)!).ToList();
    }

    /// <summary>RFC 4180: quoted fields may hold commas, newlines and doubled quotes.</summary>
    public static List<List<string>> ParseCsv(string content)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < content.Length; i++)
        {
            var c = content[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < content.Length && content[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else if (c != '\r')
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }
}

using System.Text.Json;
using FakeNews.Core.Tokenization;

namespace FakeNews.Cli.Bench;

/// <summary>The texts a benchmark sends: a data file, LIAR's validation claims by default, or synthetic texts of a fixed token count.</summary>
internal static class BenchTexts
{
    /// <summary>LIAR's validation split, relative to the repository root (the data is never copied into the repo).</summary>
    public static readonly string DefaultLiarValid = Path.Combine("..", "shared", "data", "liar", "valid.tsv");

    /// <summary>
    /// Reads texts: a LIAR .tsv (the statement column), a .jsonl file (each object's <c>text</c>, after its
    /// <c>title</c> when present) or any other file with one text per line. Blank lines are skipped.
    /// </summary>
    /// <exception cref="CliException">The file is missing (<see cref="CliErrorKind.InputNotFound"/>) or has no texts.</exception>
    public static IReadOnlyList<string> Load(string? path)
    {
        path ??= FindDefault();
        if (!File.Exists(path))
        {
            throw new CliException(CliErrorKind.InputNotFound, $"--data: '{path}' does not exist");
        }

        var lines = File.ReadLines(path).Where(line => !string.IsNullOrWhiteSpace(line));
        var texts = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".tsv" => lines.Select(line => line.Split('\t')).Where(f => f.Length > 2).Select(f => f[2]),
            ".jsonl" => lines.Select(FromJson),
            _ => lines,
        };
        var list = texts.Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        return list.Count > 0 ? list : throw new CliException(CliErrorKind.InvalidInput, $"--data: '{path}' holds no texts");
    }

    /// <summary>
    /// <paramref name="count"/> texts that each tokenize to exactly <paramref name="tokens"/> - 2 WordPiece ids (so
    /// <paramref name="tokens"/> with [CLS] and [SEP]): random whole words of the vocabulary, seeded.
    /// </summary>
    public static IReadOnlyList<string> Synthetic(BertWordPieceTokenizer tokenizer, int tokens, int count, int seed = 1)
    {
        var words = Words(tokenizer);
        var random = new Random(seed);
        var texts = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            texts.Add(string.Join(' ', Enumerable.Range(0, Math.Max(1, tokens - 2)).Select(_ => words[random.Next(words.Count)])));
        }

        return texts;
    }

    private static List<string> Words(BertWordPieceTokenizer tokenizer)
    {
        // Plain lowercase words that are one token each, checked through the tokenizer itself.
        var candidates = new[]
        {
            "the", "state", "tax", "jobs", "said", "people", "president", "health", "year", "law", "money", "vote",
            "budget", "school", "county", "police", "energy", "water", "city", "report", "percent", "million",
        };
        var words = candidates.Where(w => tokenizer.TokenizeToIds(w).Length == 1).ToList();
        return words.Count > 0 ? words : throw new CliException(CliErrorKind.InvalidArguments, "--tokens: the vocabulary has none of the plain English words used for synthetic texts");
    }

    private static string FromJson(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var text = root.TryGetProperty("text", out var t) ? t.GetString() ?? string.Empty : string.Empty;
        return root.TryGetProperty("title", out var title) && title.GetString() is { Length: > 0 } heading ? heading + "\n\n" + text : text;
    }

    private static string FindDefault()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, DefaultLiarValid);
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new CliException(CliErrorKind.InputNotFound, $"no --data given and no '{DefaultLiarValid}' found above '{Directory.GetCurrentDirectory()}'");
    }
}

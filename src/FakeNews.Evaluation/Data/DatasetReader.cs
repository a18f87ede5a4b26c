using System.Security.Cryptography;
using System.Text;
using FakeNews.Core.Data;

namespace FakeNews.Evaluation.Data;

/// <summary>
/// Reads and validates a whole evaluation file before anything is scored: the first bad line stops the read with a
/// <see cref="DataFormatException"/> naming the file, the 1-based line and the reason.
/// </summary>
public static class DatasetReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads <paramref name="path"/> as <paramref name="format"/>.</summary>
    /// <exception cref="DataFormatException">The file is empty, not UTF-8, or has a bad line.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static EvalDataset Read(string path, DataFormat format)
    {
        var bytes = File.ReadAllBytes(path);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        string content;
        try
        {
            content = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new DataFormatException(path, 0, "the file is not valid UTF-8");
        }

        if (content.Length > 0 && content[0] == '\uFEFF')
        {
            content = content[1..];
        }

        var examples = format switch
        {
            DataFormat.Liar => LiarReader.Parse(content, path),
            DataFormat.Csv => CsvDatasetReader.Parse(content, path),
            DataFormat.Jsonl => JsonlDatasetReader.Parse(content, path),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown data format"),
        };
        if (examples.Count == 0)
        {
            throw new DataFormatException(path, 0, "the file holds no examples");
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var example in examples)
        {
            if (!seen.TryAdd(example.Id, example.Line))
            {
                throw new DataFormatException(path, example.Line, $"duplicate id '{example.Id}' (first on line {seen[example.Id]})");
            }
        }

        return new EvalDataset(path, sha256, format, examples);
    }
}

using System.Diagnostics;
using System.Text;
using System.Text.Json;
using FakeNews.Core.Tokenization;

namespace FakeNews.Core.Tests.Tokenization;

/// <summary>
/// Runs tests/reference-tokenizer/tokenize.js (Hugging Face tokenizers, native build) once over many texts.
/// </summary>
internal static class ReferenceTokenizer
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// For each text: [full ids, ids truncated to maxLengths[0], ...], all with [CLS]/[SEP].
    /// Fails the test (never skips) when node or the npm packages are missing.
    /// </summary>
    public static int[][][] Encode(string vocabPath, IReadOnlyList<string> texts, IReadOnlyList<int> maxLengths, TokenizerOptions options)
    {
        var args = new List<string> { "tokenize.js", "--vocab", vocabPath };
        foreach (var n in maxLengths)
        {
            args.Add("--max-length");
            args.Add(n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (!options.LowerCase)
        {
            args.Add("--cased");
        }

        if (options.StripAccents is { } strip)
        {
            args.Add("--strip-accents");
            args.Add(strip ? "true" : "false");
        }

        if (!options.TokenizeChineseChars)
        {
            args.Add("--no-chinese-chars");
        }

        Assert.Equal(100, options.MaxInputCharsPerWord);

        return Array.ConvertAll(RunPerText(args, texts), line => JsonSerializer.Deserialize<int[][]>(line)!);
    }

    /// <summary>For each text: its full ids ([CLS]/[SEP] included) and per id the [start, end) it came from, in UTF-16 units.</summary>
    public static (int[] Ids, int[][] Offsets)[] EncodeWithOffsets(string vocabPath, IReadOnlyList<string> texts)
    {
        return Array.ConvertAll(RunPerText(["tokenize.js", "--vocab", vocabPath, "--offsets"], texts), line =>
        {
            using var json = JsonDocument.Parse(line);
            var ids = json.RootElement[0].Deserialize<int[]>()!;
            var offsets = json.RootElement[1].Deserialize<int[][]>()!;
            return (ids, offsets);
        });
    }

    // Sends the texts as JSON lines and returns the script's output lines, one per text.
    private static string[] RunPerText(IEnumerable<string> args, IReadOnlyList<string> texts)
    {
        var input = new StringBuilder();
        foreach (var text in texts)
        {
            input.Append(JsonSerializer.Serialize(text)).Append('\n');
        }

        var lines = RunNode(args, input.ToString()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == texts.Count, $"The reference returned {lines.Length} lines for {texts.Count} texts.");
        return lines;
    }

    /// <summary>Runs a script of tests/reference-tokenizer with node and returns its standard output.</summary>
    public static string RunNode(IEnumerable<string> args, string? standardInput = null)
    {
        var folder = RepositoryPaths.ReferenceTokenizer;
        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules", "@anush008", "tokenizers")),
            $"The reference tokenizer's packages are missing: run npm ci in tests/reference-tokenizer ({folder}).");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"Could not start node ({e.Message}): install Node.js 20+ and run npm ci in tests/reference-tokenizer.");
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(standardInput ?? string.Empty);
            process.StandardInput.Close();
            Assert.True(process.WaitForExit(s_timeout), "The reference tokenizer did not finish in time.");
            Assert.True(process.ExitCode == 0, $"The reference tokenizer failed ({process.ExitCode}): {stderr.Result}");
            return stdout.Result;
        }
    }
}

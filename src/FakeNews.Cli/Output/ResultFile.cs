using System.Text;
using System.Text.Json;
using FakeNews.Cli.Readers;
using FakeNews.Core.Text;

namespace FakeNews.Cli.Output;

/// <summary>
/// The <c>score</c> output file. Every row is written as one whole line and flushed at once, so a run stopped at
/// any point leaves a valid file. Resuming reads the ids already present (counting repeats), drops a trailing
/// partial line left by a killed process, drops rows with a transient error (<see cref="ErrorMap.IsTransientRowError"/>)
/// so their items are scored again, and appends.
/// </summary>
internal sealed class ResultFile : IAsyncDisposable
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly StreamWriter _writer;
    private readonly OutputFormat _format;
    private readonly bool _explain;

    private ResultFile(StreamWriter writer, OutputFormat format, bool explain, Dictionary<string, int> done)
    {
        _writer = writer;
        _format = format;
        _explain = explain;
        Done = done;
        DoneIds = done.Keys.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Ids already in the file when it was opened with resume; empty otherwise.</summary>
    public IReadOnlySet<string> DoneIds { get; }

    /// <summary>
    /// How many rows each id already has in the file when it was opened with resume; empty otherwise. With repeated
    /// ids in the input, the first <c>n</c> items of an id are done.
    /// </summary>
    public IReadOnlyDictionary<string, int> Done { get; }

    /// <summary>
    /// Opens <paramref name="path"/> for writing: truncated (with a CSV header) unless <paramref name="resume"/> and
    /// the file has content, in which case its ids are read and rows are appended. With <paramref name="explain"/>
    /// rows carry <c>top_units</c> (<c>score --explain</c>), and a resumed CSV must have that header.
    /// </summary>
    /// <exception cref="InvalidDataException">The existing file is not a <paramref name="format"/> result file.</exception>
    public static ResultFile Open(string path, OutputFormat format, bool resume, Action<string> note, bool explain = false)
    {
        var done = new Dictionary<string, int>(StringComparer.Ordinal);
        var append = resume && File.Exists(path) && new FileInfo(path).Length > 0;
        if (append)
        {
            var text = RepairTail(path, note);
            var kept = new StringBuilder(text.Length);
            var retried = ReadRows(path, text, format, explain ? OutputRow.ExplainColumns : OutputRow.Columns, done, kept);
            if (retried > 0)
            {
                Rewrite(path, kept.ToString());
                note($"retrying {retried} item{(retried == 1 ? "" : "s")} whose rows in '{path}' hold a transient error (overloaded, backend_failure, not_ready)");
                text = kept.ToString();
            }

            append = text.Length > 0;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var stream = new FileStream(path, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read);
        var writer = new StreamWriter(stream, Utf8NoBom) { NewLine = "\n" };
        if (!append && format == OutputFormat.Csv)
        {
            writer.WriteLine(explain ? RowFormatter.ExplainCsvHeader : RowFormatter.CsvHeader);
            writer.Flush();
        }

        return new ResultFile(writer, format, explain, done);
    }

    /// <summary>Writes one row as a whole line and flushes it to the file. Deliberately not cancellable mid-row.</summary>
    public async Task WriteAsync(OutputRow row)
    {
        await _writer.WriteAsync(RowFormatter.Format(row, _format, _explain) + "\n").ConfigureAwait(false);
        await _writer.FlushAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    /// <summary>Returns the file's text, first truncating it after its last newline when it ends in a partial line.</summary>
    private static string RepairTail(string path, Action<string> note)
    {
        var text = File.ReadAllText(path, Utf8NoBom);
        if (text.Length == 0 || text[^1] == '\n')
        {
            return text;
        }

        var keep = text[..(text.LastIndexOf('\n') + 1)];
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(Utf8NoBom.GetByteCount(keep));
        }

        note($"dropped a partial last line from '{path}' before resuming");
        return keep;
    }

    /// <summary>Replaces the file's content through a temporary file beside it, so a crash leaves the old or the new file.</summary>
    private static void Rewrite(string path, string text)
    {
        var temporary = path + ".resume-tmp";
        File.WriteAllText(temporary, text, Utf8NoBom);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// Counts the ids of the rows to keep into <paramref name="done"/> and copies those rows (and a CSV header) into
    /// <paramref name="kept"/>; returns how many rows were left out for a transient error.
    /// </summary>
    private static int ReadRows(string path, string text, OutputFormat format, IReadOnlyList<string> columns, Dictionary<string, int> done, StringBuilder kept)
    {
        if (format == OutputFormat.Csv)
        {
            return ReadCsvRows(path, text, columns, done, kept);
        }

        var lineNumber = 0;
        var retried = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string id;
            string? error;
            try
            {
                using var document = JsonDocument.Parse(line);
                id = document.RootElement.GetProperty("id").GetString()
                    ?? throw new InvalidDataException($"Cannot resume '{path}': line {lineNumber} has a null id.");
                error = document.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidDataException($"Cannot resume '{path}': line {lineNumber} is not a JSONL result row ({e.Message}).", e);
            }

            if (ErrorMap.IsTransientRowError(error))
            {
                retried++;
                continue;
            }

            done[id] = done.GetValueOrDefault(id) + 1;
            kept.Append(line).Append('\n');
        }

        return retried;
    }

    private static int ReadCsvRows(string path, string text, IReadOnlyList<string> columns, Dictionary<string, int> done, StringBuilder kept)
    {
        var first = true;
        var retried = 0;
        var errorColumn = columns.ToList().IndexOf("error");
        try
        {
            foreach (var record in CsvParser.Parse(text))
            {
                if (first)
                {
                    if (!record.Fields.SequenceEqual(columns))
                    {
                        throw new InvalidDataException($"Cannot resume '{path}': its header is not '{string.Join(',', columns)}'.");
                    }

                    first = false;
                }
                else if (record.Fields.Count > 0 && record.Fields[0].Length > 0)
                {
                    if (record.Fields.Count > errorColumn && ErrorMap.IsTransientRowError(record.Fields[errorColumn]))
                    {
                        retried++;
                        continue;
                    }

                    done[record.Fields[0]] = done.GetValueOrDefault(record.Fields[0]) + 1;
                }

                kept.AppendJoin(',', record.Fields.Select(CsvParser.Escape)).Append('\n');
            }
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"Cannot resume '{path}': {e.Message}.", e);
        }

        return retried;
    }
}

using System.Text;
using System.Text.Json;
using FakeNews.Cli.Readers;
using FakeNews.Core.Text;

namespace FakeNews.Cli.Output;

/// <summary>
/// The <c>score</c> output file. Every row is written as one whole line and flushed at once, so a run stopped at
/// any point leaves a valid file. Resuming reads the ids already present, drops a trailing partial line left by
/// a killed process, and appends.
/// </summary>
internal sealed class ResultFile : IAsyncDisposable
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly StreamWriter _writer;
    private readonly OutputFormat _format;
    private readonly bool _explain;

    private ResultFile(StreamWriter writer, OutputFormat format, bool explain, IReadOnlySet<string> doneIds)
    {
        _writer = writer;
        _format = format;
        _explain = explain;
        DoneIds = doneIds;
    }

    /// <summary>Ids already in the file when it was opened with resume; empty otherwise.</summary>
    public IReadOnlySet<string> DoneIds { get; }

    /// <summary>
    /// Opens <paramref name="path"/> for writing: truncated (with a CSV header) unless <paramref name="resume"/> and
    /// the file has content, in which case its ids are read and rows are appended. With <paramref name="explain"/>
    /// rows carry <c>top_units</c> (<c>score --explain</c>), and a resumed CSV must have that header.
    /// </summary>
    /// <exception cref="InvalidDataException">The existing file is not a <paramref name="format"/> result file.</exception>
    public static ResultFile Open(string path, OutputFormat format, bool resume, Action<string> note, bool explain = false)
    {
        var doneIds = new HashSet<string>(StringComparer.Ordinal);
        var append = resume && File.Exists(path) && new FileInfo(path).Length > 0;
        if (append)
        {
            var text = RepairTail(path, note);
            ReadIds(path, text, format, explain ? OutputRow.ExplainColumns : OutputRow.Columns, doneIds);
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

        return new ResultFile(writer, format, explain, doneIds);
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

    private static void ReadIds(string path, string text, OutputFormat format, IReadOnlyList<string> columns, HashSet<string> ids)
    {
        if (format == OutputFormat.Csv)
        {
            ReadCsvIds(path, text, columns, ids);
            return;
        }

        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                ids.Add(document.RootElement.GetProperty("id").GetString()
                    ?? throw new InvalidDataException($"Cannot resume '{path}': line {lineNumber} has a null id."));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidDataException($"Cannot resume '{path}': line {lineNumber} is not a JSONL result row ({e.Message}).", e);
            }
        }
    }

    private static void ReadCsvIds(string path, string text, IReadOnlyList<string> columns, HashSet<string> ids)
    {
        var first = true;
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
                    ids.Add(record.Fields[0]);
                }
            }
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"Cannot resume '{path}': {e.Message}.", e);
        }
    }
}

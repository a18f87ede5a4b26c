using System.Text;

namespace FakeNews.Cli.Readers;

/// <summary>
/// Reads an input file as strict UTF-8 text, turning every way it can be unusable into an error message
/// instead of an exception: missing or unreadable, larger than <see cref="MaxBytes"/>, binary, empty.
/// </summary>
internal static class InputFile
{
    /// <summary>The largest single-document file (.txt, .md, .html) read: 2 MiB. Larger files become <c>oversized</c> error rows.</summary>
    public const long MaxBytes = 2 * 1024 * 1024;

    /// <summary>The largest collection file (.json, .jsonl, .csv) read: 256 MiB; each of its texts is still limited to <see cref="MaxItemChars"/>.</summary>
    public const long MaxCollectionBytes = 256L * 1024 * 1024;

    /// <summary>The longest text of one item, in characters (2 Mi); longer texts become <c>oversized</c> error rows.</summary>
    public const int MaxItemChars = 2 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The file's text (BOM removed), or null with <paramref name="error"/> set. FIFOs, sockets and devices are
    /// refused before they are opened, and at most <paramref name="maxBytes"/> + 1 bytes are ever read, whatever
    /// length the file reports.
    /// </summary>
    public static string? TryReadText(string path, long maxBytes, out string? error)
    {
        byte[] bytes;
        try
        {
            if (FileKind.Special(path) is { } kind)
            {
                error = $"{InputErrors.Unreadable}: '{path}' is {kind}, not a regular file";
                return null;
            }

            var info = new FileInfo(path);
            if (info.Length > maxBytes)
            {
                error = $"{InputErrors.Oversized}: {info.Length} bytes is over the {maxBytes} byte limit";
                return null;
            }

            bytes = ReadAtMost(path, maxBytes + 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"{InputErrors.Unreadable}: {e.Message}";
            return null;
        }

        // A file may grow between the size check and the read.
        if (bytes.LongLength > maxBytes)
        {
            error = $"{InputErrors.Oversized}: more than {maxBytes} bytes were read; the limit is {maxBytes}";
            return null;
        }

        return TryDecode(bytes, out error);
    }

    private static byte[] ReadAtMost(string path, long limit)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Decodes strict UTF-8 (BOM removed), or returns null with <paramref name="error"/> set.</summary>
    public static string? TryDecode(ReadOnlySpan<byte> bytes, out string? error)
    {
        if (bytes.IndexOf((byte)0) >= 0)
        {
            error = $"{InputErrors.Binary}: the file contains NUL bytes";
            return null;
        }

        string text;
        try
        {
            var start = bytes.StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
            text = StrictUtf8.GetString(bytes[start..]);
        }
        catch (DecoderFallbackException)
        {
            error = $"{InputErrors.Binary}: the file is not valid UTF-8";
            return null;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"{InputErrors.Empty}: the file is empty";
            return null;
        }

        error = null;
        return text;
    }
}

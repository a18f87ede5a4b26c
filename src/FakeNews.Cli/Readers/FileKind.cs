using System.Runtime.InteropServices;

namespace FakeNews.Cli.Readers;

/// <summary>
/// Tells a regular file from a FIFO, socket or device before it is opened: opening a FIFO blocks until a writer
/// appears, and a device such as <c>/dev/zero</c> reports length 0 and never ends. Symlinks are followed.
/// </summary>
internal static partial class FileKind
{
    private const int TypeMask = 0xF000;

    /// <summary>
    /// Null for a regular file (or where the type cannot be asked, as on Windows); otherwise what the path is,
    /// such as "a FIFO" or "a character device".
    /// </summary>
    public static string? Special(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        try
        {
            if (Stat(path, out var status) != 0)
            {
                return null;
            }

            return (status.Mode & TypeMask) switch
            {
                0x8000 => null,
                0x1000 => "a FIFO",
                0x2000 => "a character device",
                0x6000 => "a block device",
                0xC000 => "a socket",
                0x4000 => "a folder",
                _ => "not a regular file",
            };
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    // The runtime's own portable stat shim (libSystem.Native ships with every .NET on Unix); its FileStatus starts
    // with two ints, Flags then Mode, with Mode in the portable S_IF* encoding. The buffer is oversized so that
    // fields added after Mode in later runtimes still fit.
    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, out StatBuffer status);

    [StructLayout(LayoutKind.Explicit, Size = 512)]
    private struct StatBuffer
    {
        [FieldOffset(4)]
        public int Mode;
    }
}

namespace FakeNews.Cli.Readers;

/// <summary>
/// Expands the paths given on the command line into items: files are read by the reader for their extension,
/// folders are walked recursively in ordinal-sorted order, files with unknown extensions are skipped with a note.
/// Symlinked folders are followed once: a folder whose resolved path was already walked (a link loop, or a second
/// link to the same folder) is skipped with a note.
/// A path that does not exist becomes an <c>unreadable</c> error row. Reading is lazy, one file at a time.
/// </summary>
internal sealed class InputCatalog
{
    private readonly Dictionary<string, IInputReader> _readers;
    private readonly Action<string> _note;

    /// <summary>Creates a catalog with the built-in readers; <paramref name="note"/> receives skip notes.</summary>
    public InputCatalog(Action<string> note)
    {
        _note = note;
        IInputReader[] readers = [new TextFileReader(), new MarkdownReader(), new HtmlReader(), new JsonReader(), new JsonLinesReader(), new CsvReader()];
        _readers = readers.SelectMany(r => r.Extensions.Select(e => (Extension: e, Reader: r)))
            .ToDictionary(p => p.Extension, p => p.Reader, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The extensions that have a reader.</summary>
    public IEnumerable<string> Extensions => _readers.Keys.Order(StringComparer.Ordinal);

    /// <summary>The files to read, in order, with their ids (the path as given, '/' separated).</summary>
    public IEnumerable<string> Files(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Walk(path, new HashSet<string>(StringComparer.Ordinal)))
                {
                    yield return file;
                }
            }
            else
            {
                // Missing or unreadable files are reported by Read as error rows.
                yield return path;
            }
        }
    }

    /// <summary>All items of all <paramref name="paths"/>, in order.</summary>
    public IEnumerable<InputItem> Items(IEnumerable<string> paths) => Files(paths).SelectMany(Read);

    /// <summary>
    /// The id of a file item: its path as given, '/' separated, with empty and <c>.</c> segments dropped, so
    /// <c>./data/</c> and <c>data</c> give the same ids. <c>..</c> segments are kept (a symlink makes them meaningful).
    /// </summary>
    public static string IdFor(string path)
    {
        var normal = path.Replace('\\', '/');
        var segments = normal.Split('/').Where(s => s.Length > 0 && s != ".");
        var joined = string.Join('/', segments);
        return normal.StartsWith('/') ? "/" + joined : joined.Length == 0 ? "." : joined;
    }

    /// <summary>The items of one file; never throws for bad content.</summary>
    public IEnumerable<InputItem> Read(string path)
    {
        var id = IdFor(path);
        if (!File.Exists(path))
        {
            return [InputItem.Failed(id, InputErrors.Unreadable, "no such file or folder")];
        }

        if (!_readers.TryGetValue(Path.GetExtension(path), out var reader))
        {
            return [InputItem.Failed(id, InputErrors.Unreadable, $"unsupported file type '{Path.GetExtension(path)}'")];
        }

        var text = InputFile.TryReadText(path, reader.IsCollection ? InputFile.MaxCollectionBytes : InputFile.MaxBytes, out var error);
        return text is null ? [new InputItem(id, null, Error: error)] : reader.Read(id, text);
    }

    private IEnumerable<string> Walk(string folder, HashSet<string> walked)
    {
        string[] files, folders;
        try
        {
            if (!walked.Add(Resolved(folder)))
            {
                _note($"skipping folder '{folder.Replace('\\', '/')}': already walked (a symlink loop or a second link to it)");
                yield break;
            }

            files = Directory.GetFiles(folder);
            folders = Directory.GetDirectories(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _note($"skipping folder '{folder}': {e.Message}");
            yield break;
        }

        var entries = files.Select(f => (Path: f, IsFolder: false))
            .Concat(folders.Select(d => (Path: d, IsFolder: true)))
            .OrderBy(e => e.Path, StringComparer.Ordinal);
        foreach (var (path, isFolder) in entries)
        {
            if (isFolder)
            {
                foreach (var file in Walk(path, walked))
                {
                    yield return file;
                }
            }
            else if (_readers.ContainsKey(Path.GetExtension(path)))
            {
                yield return path;
            }
            else
            {
                _note($"skipping '{path.Replace('\\', '/')}': unsupported file type");
            }
        }
    }

    /// <summary>The folder's full path with every symlink on it resolved, so two routes to one folder compare equal.</summary>
    private static string Resolved(string folder)
    {
        var full = Path.GetFullPath(folder);
        var parent = Path.GetDirectoryName(full);
        var resolvedParent = parent is null ? null : Resolved(parent);
        var here = resolvedParent is null ? full : Path.Combine(resolvedParent, Path.GetFileName(full));
        var target = new DirectoryInfo(here).ResolveLinkTarget(returnFinalTarget: true);
        return target is null ? here : Resolved(target.FullName);
    }
}

namespace Course.Distributed.Storage;

/// <summary>A file as the master knows it: its committed length and its chunks, in order (GFS §2.6.1).</summary>
public sealed class FileEntry(string path)
{
    public string Path { get; } = path;

    /// <summary>Bytes readers may see: only appends the master has completed count.</summary>
    public long Length { get; internal set; }

    public IReadOnlyList<ChunkHandle> Chunks => ChunkList;

    internal List<ChunkHandle> ChunkList { get; } = [];

    /// <summary>The client allowed to append, if any (volatile: not in the checkpoint).</summary>
    public WriterLease? Writer { get; internal set; }

    /// <summary>
    /// A writer got the lease and has not completed: it may still have mutations in flight, so the next writer
    /// must fence it off by revoking the chunk leases at the file's tail (they come back with new versions).
    /// </summary>
    internal bool UncleanWriter { get; set; }
}

/// <summary>
/// The master's namespace. Like GFS (§4.1) it is a lookup table from full path names to metadata rather than
/// directories holding lists; a directory's children are the paths one level below it. Files and directories
/// both exist as entries so that empty directories can exist; creating a file creates its missing parents.
/// </summary>
public sealed class DfsNamespace
{
    private readonly SortedSet<string> _directories = new(StringComparer.Ordinal) { DfsPath.Root };
    private readonly SortedDictionary<string, FileEntry> _files = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Directories => _directories;
    public IEnumerable<FileEntry> Files => _files.Values;
    public int FileCount => _files.Count;

    public FileEntry? File(string path) => _files.GetValueOrDefault(path);

    public bool IsDirectory(string path) => _directories.Contains(path);

    public DfsError CreateFile(string path, out FileEntry? file)
    {
        file = null;
        if (!DfsPath.IsValid(path) || path == DfsPath.Root) return DfsError.InvalidPath;
        if (_files.ContainsKey(path) || _directories.Contains(path)) return DfsError.AlreadyExists;
        if (MakeParents(path) is var error and not DfsError.None) return error;
        file = new FileEntry(path);
        _files.Add(path, file);
        return DfsError.None;
    }

    public DfsError MakeDirectory(string path)
    {
        if (!DfsPath.IsValid(path)) return DfsError.InvalidPath;
        if (_directories.Contains(path) || _files.ContainsKey(path)) return DfsError.AlreadyExists;
        if (MakeParents(path) is var error and not DfsError.None) return error;
        _directories.Add(path);
        return DfsError.None;
    }

    /// <summary>Removes a file (returned, so its chunks can be forgotten) or an empty directory.</summary>
    public DfsError Delete(string path, out FileEntry? removed)
    {
        removed = null;
        if (!DfsPath.IsValid(path) || path == DfsPath.Root) return DfsError.InvalidPath;
        if (_files.Remove(path, out removed)) return DfsError.None;
        if (!_directories.Contains(path)) return DfsError.NotFound;
        if (Children(path).Any()) return DfsError.DirectoryNotEmpty;
        _directories.Remove(path);
        return DfsError.None;
    }

    public DfsError List(string path, out IReadOnlyList<DirectoryEntry> entries)
    {
        entries = [];
        if (!DfsPath.IsValid(path)) return DfsError.InvalidPath;
        if (_files.ContainsKey(path)) return DfsError.NotADirectory;
        if (!_directories.Contains(path)) return DfsError.NotFound;
        entries = Children(path).ToArray();
        return DfsError.None;
    }

    /// <summary>Adds a directory or file read back from a checkpoint.</summary>
    internal void Restore(string directory) => _directories.Add(directory);

    internal void Restore(FileEntry file) => _files[file.Path] = file;

    private IEnumerable<DirectoryEntry> Children(string directory)
    {
        var prefix = directory == DfsPath.Root ? DfsPath.Root : directory + "/";
        bool IsChild(string p) => p.Length > prefix.Length && p.StartsWith(prefix, StringComparison.Ordinal) && p.IndexOf('/', prefix.Length) < 0;
        return _directories.Where(IsChild).Select(d => new DirectoryEntry(DfsPath.Name(d), true, 0))
            .Concat(_files.Values.Where(f => IsChild(f.Path)).Select(f => new DirectoryEntry(DfsPath.Name(f.Path), false, f.Length)))
            .OrderBy(e => e.Name, StringComparer.Ordinal);
    }

    private DfsError MakeParents(string path)
    {
        var ancestors = DfsPath.Ancestors(path).ToArray();
        if (ancestors.Any(_files.ContainsKey)) return DfsError.NotADirectory;
        foreach (var a in ancestors) _directories.Add(a);
        return DfsError.None;
    }
}

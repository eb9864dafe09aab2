using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace Course.Distributed.Storage;

/// <summary>
/// Chunks as real files in one directory per chunk server, the way HDFS data nodes keep blocks:
/// <c>chunk-000000000000002a.data</c> holds the bytes (written in place at the offset, like a real mutation)
/// and <c>chunk-….meta</c> the version and block checksums (written to a temp file and renamed, so it is always
/// whole). A new instance on the same directory is the restarted server's disk.
/// </summary>
public sealed class DiskChunkStore : IChunkStore
{
    private const string DataSuffix = ".data";
    private const string MetaSuffix = ".meta";

    /// <param name="directory">Created if missing.</param>
    /// <param name="flushToDisk">fsync each write (survives power loss; slower). Off still survives a process crash.</param>
    public DiskChunkStore(string directory, bool flushToDisk = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        FlushToDisk = flushToDisk;
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var temp in System.IO.Directory.EnumerateFiles(Directory, "*.tmp")) File.Delete(temp);
    }

    public string Directory { get; }
    public bool FlushToDisk { get; }

    public string DataPath(ChunkHandle handle) => Path.Combine(Directory, $"chunk-{handle.Value:x16}{DataSuffix}");
    public string MetaPath(ChunkHandle handle) => Path.Combine(Directory, $"chunk-{handle.Value:x16}{MetaSuffix}");

    public IReadOnlyList<StoredChunk> List() =>
        System.IO.Directory.EnumerateFiles(Directory, "chunk-*" + MetaSuffix)
            .Select(f => Path.GetFileName(f)["chunk-".Length..^MetaSuffix.Length])
            .Select(hex => long.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v) ? Find(new ChunkHandle(v)) : null)
            .OfType<StoredChunk>()
            .OrderBy(c => c.Handle)
            .ToArray();

    public StoredChunk? Find(ChunkHandle handle)
    {
        if (ReadMeta(handle) is not { } meta) return null;
        var data = new FileInfo(DataPath(handle));
        return new StoredChunk(handle, meta.Version, data.Exists ? (int)data.Length : 0);
    }

    public byte[] ReadData(ChunkHandle handle, int offset, int count)
    {
        var path = DataPath(handle);
        if (!File.Exists(path) || count <= 0) return [];
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var length = RandomAccess.GetLength(file);
        if (offset >= length) return [];
        var buffer = new byte[(int)Math.Min(count, length - offset)];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = RandomAccess.Read(file, buffer.AsSpan(read), offset + read);
            if (n == 0) break;
            read += n;
        }
        return read == buffer.Length ? buffer : buffer[..read];
    }

    public void WriteData(ChunkHandle handle, int offset, ReadOnlySpan<byte> data)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        using SafeFileHandle file = File.OpenHandle(DataPath(handle), FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        RandomAccess.Write(file, data, offset);
        if (FlushToDisk) RandomAccess.FlushToDisk(file);
    }

    public uint[] ReadChecksums(ChunkHandle handle) => ReadMeta(handle)?.Checksums ?? [];

    public void WriteMetadata(ChunkHandle handle, long version, uint[] checksums)
    {
        ArgumentNullException.ThrowIfNull(checksums);
        if (!File.Exists(DataPath(handle))) File.WriteAllBytes(DataPath(handle), []);
        var path = MetaPath(handle);
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(ChunkMetadata.Encode(version, checksums));
            stream.Flush(flushToDisk: FlushToDisk);
        }
        File.Move(temp, path, overwrite: true);
    }

    public void Delete(ChunkHandle handle)
    {
        File.Delete(MetaPath(handle)); // metadata first: a half-deleted replica no longer exists
        File.Delete(DataPath(handle));
    }

    private (long Version, uint[] Checksums)? ReadMeta(ChunkHandle handle)
    {
        try { return ChunkMetadata.Decode(File.ReadAllBytes(MetaPath(handle))); }
        catch (FileNotFoundException) { return null; }
    }
}

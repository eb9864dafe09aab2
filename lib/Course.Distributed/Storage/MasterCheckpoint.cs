using System.Text;

namespace Course.Distributed.Storage;

/// <summary>
/// The master's persistent state (GFS §2.6): the namespace, each file's chunks and each chunk's version, and the
/// next chunk handle. GFS appends every change to an operation log and checkpoints it now and then (§2.6.3);
/// the course's namespaces are small, so the master simply rewrites this checkpoint after every change.
/// Replica locations are deliberately absent: they are re-learnt from heartbeats after a restart (§2.6.2).
/// </summary>
internal static class MasterCheckpoint
{
    public const string Key = "dfs/master";
    private const int Magic = 0x53464447; // "GDFS"

    public static byte[] Encode(DfsNamespace names, IReadOnlyDictionary<ChunkHandle, ChunkInfo> chunks, long nextHandle)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(nextHandle);
            w.Write(names.Directories.Count);
            foreach (var d in names.Directories) w.Write(d);
            var files = names.Files.ToArray();
            w.Write(files.Length);
            foreach (var f in files)
            {
                w.Write(f.Path);
                w.Write(f.Length);
                w.Write(f.Chunks.Count);
                foreach (var h in f.Chunks)
                {
                    w.Write(h.Value);
                    w.Write(chunks.TryGetValue(h, out var c) ? c.Version : 0L);
                }
            }
        }
        return stream.ToArray();
    }

    public static (DfsNamespace Names, Dictionary<ChunkHandle, ChunkInfo> Chunks, long NextHandle)? Decode(byte[]? bytes)
    {
        if (bytes is null) return null;
        using var r = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        if (r.ReadInt32() != Magic) throw new InvalidDataException("Not a DFS master checkpoint.");
        var next = r.ReadInt64();
        var names = new DfsNamespace();
        var chunks = new Dictionary<ChunkHandle, ChunkInfo>();
        for (var i = r.ReadInt32(); i > 0; i--) names.Restore(r.ReadString());
        for (var i = r.ReadInt32(); i > 0; i--)
        {
            var file = new FileEntry(r.ReadString()) { Length = r.ReadInt64() };
            var count = r.ReadInt32();
            for (var index = 0; index < count; index++)
            {
                var handle = new ChunkHandle(r.ReadInt64());
                var version = r.ReadInt64();
                file.ChunkList.Add(handle);
                chunks[handle] = new ChunkInfo(handle, file.Path, index) { Version = version, IssuedVersion = version };
            }
            names.Restore(file);
        }
        return (names, chunks, next);
    }
}

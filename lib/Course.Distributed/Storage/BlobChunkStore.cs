using System.Buffers.Binary;
using Course.Simulation;

namespace Course.Distributed.Storage;

/// <summary>
/// Chunks as blobs of a node's <see cref="IDurableStorage"/>: what the simulator keeps across a crash. Each
/// replica is a data blob and a metadata blob; an index blob lists the handles (the storage cannot list keys).
/// A write rewrites the data blob whole — fine for 64 KiB chunks in memory.
/// </summary>
public sealed class BlobChunkStore(IDurableStorage storage) : IChunkStore
{
    private const string IndexKey = "dfs/chunks";
    private readonly IDurableStorage _storage = storage ?? throw new ArgumentNullException(nameof(storage));

    public IReadOnlyList<StoredChunk> List() =>
        Index().Select(h => Find(h)).OfType<StoredChunk>().OrderBy(c => c.Handle).ToArray();

    public StoredChunk? Find(ChunkHandle handle) =>
        ChunkMetadata.Decode(_storage.Read(MetaKey(handle))) is { } meta
            ? new StoredChunk(handle, meta.Version, (int)_storage.SizeOf(DataKey(handle)))
            : null;

    public byte[] ReadData(ChunkHandle handle, int offset, int count)
    {
        var data = _storage.Read(DataKey(handle)) ?? [];
        if (offset >= data.Length || count <= 0) return [];
        return data.AsSpan(offset, Math.Min(count, data.Length - offset)).ToArray();
    }

    public void WriteData(ChunkHandle handle, int offset, ReadOnlySpan<byte> data)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var old = _storage.Read(DataKey(handle)) ?? [];
        var bytes = new byte[Math.Max(old.Length, offset + data.Length)];
        old.CopyTo(bytes, 0);
        data.CopyTo(bytes.AsSpan(offset));
        _storage.Write(DataKey(handle), bytes);
    }

    public uint[] ReadChecksums(ChunkHandle handle) => ChunkMetadata.Decode(_storage.Read(MetaKey(handle)))?.Checksums ?? [];

    public void WriteMetadata(ChunkHandle handle, long version, uint[] checksums)
    {
        ArgumentNullException.ThrowIfNull(checksums);
        if (_storage.Read(DataKey(handle)) is null) _storage.Write(DataKey(handle), []);
        _storage.Write(MetaKey(handle), ChunkMetadata.Encode(version, checksums));
        var index = Index();
        if (index.Add(handle)) WriteIndex(index);
    }

    public void Delete(ChunkHandle handle)
    {
        _storage.Delete(MetaKey(handle));
        _storage.Delete(DataKey(handle));
        var index = Index();
        if (index.Remove(handle)) WriteIndex(index);
    }

    private static string DataKey(ChunkHandle h) => $"dfs/chunk/{h.Value}/data";
    private static string MetaKey(ChunkHandle h) => $"dfs/chunk/{h.Value}/meta";

    private SortedSet<ChunkHandle> Index()
    {
        var bytes = _storage.Read(IndexKey) ?? [];
        var set = new SortedSet<ChunkHandle>();
        for (var i = 0; i + 8 <= bytes.Length; i += 8) set.Add(new ChunkHandle(BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(i))));
        return set;
    }

    private void WriteIndex(SortedSet<ChunkHandle> index)
    {
        var bytes = new byte[8 * index.Count];
        var i = 0;
        foreach (var h in index) BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8 * i++), h.Value);
        _storage.Write(IndexKey, bytes);
    }
}

namespace Course.Distributed.Storage;

/// <summary>A replica as stored: its handle, version and how many bytes it holds.</summary>
public readonly record struct StoredChunk(ChunkHandle Handle, long Version, int Length);

/// <summary>
/// A chunk server's disk. Dumb on purpose: data and metadata (version, block checksums) are kept apart, as
/// HDFS keeps <c>blk_N</c> and <c>blk_N.meta</c> files and GFS keeps checksums "separate from user data" (§5.2),
/// and nothing here verifies anything — <see cref="ChecksummedChunk"/> does, in the chunk server. A chunk exists
/// once its metadata is written. Two implementations: <see cref="BlobChunkStore"/> (the simulator's durable
/// blobs) and <see cref="DiskChunkStore"/> (real files in a directory).
/// </summary>
public interface IChunkStore
{
    IReadOnlyList<StoredChunk> List();

    StoredChunk? Find(ChunkHandle handle);

    /// <summary>Raw bytes [<paramref name="offset"/>, offset + count) — fewer if the data ends earlier.</summary>
    byte[] ReadData(ChunkHandle handle, int offset, int count);

    /// <summary>Writes raw bytes at <paramref name="offset"/>, extending the data if needed (no checksum update).</summary>
    void WriteData(ChunkHandle handle, int offset, ReadOnlySpan<byte> data);

    /// <summary>The stored checksum of every block (empty for an unknown chunk).</summary>
    uint[] ReadChecksums(ChunkHandle handle);

    /// <summary>Writes version and checksums (creating the chunk, with empty data, if it does not exist).</summary>
    void WriteMetadata(ChunkHandle handle, long version, uint[] checksums);

    /// <summary>Removes data and metadata; a no-op for an unknown chunk.</summary>
    void Delete(ChunkHandle handle);
}

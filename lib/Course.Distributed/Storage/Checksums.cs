using System.Buffers.Binary;
using System.Numerics;

namespace Course.Distributed.Storage;

/// <summary>
/// CRC-32C (Castagnoli, the checksum HDFS and many disks use; hardware-accelerated through
/// <see cref="BitOperations.Crc32C(uint, ulong)"/>). A block's checksum is the raw CRC register, without the
/// final inversion, so appending to a block continues the CRC from the stored value — the incremental update
/// GFS §5.2 describes for appends.
/// </summary>
public static class Checksums
{
    public const uint Empty = 0xFFFF_FFFF;

    public static uint Extend(uint state, ReadOnlySpan<byte> data)
    {
        while (data.Length >= 8)
        {
            state = BitOperations.Crc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }
        foreach (var b in data) state = BitOperations.Crc32C(state, b);
        return state;
    }

    public static uint Of(ReadOnlySpan<byte> data) => Extend(Empty, data);

    /// <summary>Checksums of <paramref name="data"/> cut into blocks of <paramref name="blockSize"/> (the last may be partial).</summary>
    public static uint[] OfBlocks(ReadOnlySpan<byte> data, int blockSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        var sums = new uint[(data.Length + blockSize - 1) / blockSize];
        for (var b = 0; b < sums.Length; b++)
            sums[b] = Of(data.Slice(b * blockSize, Math.Min(blockSize, data.Length - b * blockSize)));
        return sums;
    }
}

/// <summary>
/// Reads and writes one chunk of an <see cref="IChunkStore"/> the way GFS §5.2 prescribes: every read verifies the
/// checksum of every block it touches before returning data; an append extends the last block's checksum
/// without reading it; an overwrite first verifies the first and last blocks it only partly covers, or "the new
/// checksums may hide corruption that exists in the regions not being overwritten".
/// </summary>
public sealed class ChecksummedChunk(IChunkStore store, int blockSize)
{
    public int BlockSize { get; } = blockSize > 0 ? blockSize : throw new ArgumentOutOfRangeException(nameof(blockSize), blockSize, "blockSize must be positive.");

    /// <summary>Verified bytes [offset, offset + count). Corrupt if any touched block mismatches; Short if the replica holds less.</summary>
    public ChunkStatus Read(ChunkHandle handle, int offset, int count, out byte[] data)
    {
        data = [];
        if (store.Find(handle) is not { } chunk) return ChunkStatus.NoSuchChunk;
        if (offset < 0 || count < 0 || (long)offset + count > chunk.Length) return ChunkStatus.Short;
        if (count == 0) return ChunkStatus.Ok;
        var first = offset / BlockSize;
        var last = (offset + count - 1) / BlockSize;
        var start = first * BlockSize;
        var blocks = store.ReadData(handle, start, Math.Min(chunk.Length, (last + 1) * BlockSize) - start);
        if (!Verify(blocks, first, store.ReadChecksums(handle), chunk.Length)) return ChunkStatus.Corrupt;
        data = blocks.AsSpan(offset - start, count).ToArray();
        return ChunkStatus.Ok;
    }

    /// <summary>The whole replica, verified (what a clone source sends and the background scan checks).</summary>
    public ChunkStatus ReadAll(ChunkHandle handle, out byte[] data)
    {
        data = [];
        return store.Find(handle) is { } chunk ? Read(handle, 0, chunk.Length, out data) : ChunkStatus.NoSuchChunk;
    }

    /// <summary>
    /// Applies a mutation: <paramref name="data"/> at <paramref name="offset"/> (at most the current length, so no
    /// holes; bytes past the end of the data written are kept).
    /// </summary>
    public ChunkStatus Write(ChunkHandle handle, long version, int offset, ReadOnlySpan<byte> data)
    {
        if (store.Find(handle) is not { } chunk) return ChunkStatus.NoSuchChunk;
        if (offset < 0 || offset > chunk.Length) return ChunkStatus.Gap;
        var sums = store.ReadChecksums(handle);
        if (sums.Length != (chunk.Length + BlockSize - 1) / BlockSize) return ChunkStatus.Corrupt; // metadata does not fit the data
        var end = offset + data.Length;
        var newLength = Math.Max(chunk.Length, end);
        var newSums = new uint[(newLength + BlockSize - 1) / BlockSize];
        Array.Copy(sums, newSums, Math.Min(sums.Length, newSums.Length));

        if (data.Length > 0)
        {
            var first = offset / BlockSize;
            var last = (end - 1) / BlockSize;
            var blockStart = first * BlockSize;
            if (offset == chunk.Length && offset > blockStart)
            {
                // A pure append into a partial block: continue its CRC over the new bytes only (GFS §5.2).
                newSums[first] = Checksums.Extend(sums[first], data[..Math.Min(data.Length, (first + 1) * BlockSize - offset)]);
                first++;
            }
            else if (offset < chunk.Length)
            {
                // An overwrite: blocks only partly covered keep old bytes — verify them before recomputing.
                var keepStart = offset > blockStart;
                var keepEnd = end < Math.Min(chunk.Length, (last + 1) * BlockSize);
                if ((keepStart && !VerifyBlock(handle, first, sums, chunk.Length)) || (keepEnd && !VerifyBlock(handle, last, sums, chunk.Length)))
                    return ChunkStatus.Corrupt;
            }
            store.WriteData(handle, offset, data);
            if (first <= last)
            {
                var from = first * BlockSize;
                var merged = store.ReadData(handle, from, Math.Min(newLength, (last + 1) * BlockSize) - from);
                for (var b = first; b <= last; b++)
                {
                    var s = (b - first) * BlockSize;
                    newSums[b] = Checksums.Of(merged.AsSpan(s, Math.Min(BlockSize, merged.Length - s)));
                }
            }
        }
        store.WriteMetadata(handle, version, newSums);
        return ChunkStatus.Ok;
    }

    /// <summary>Stores a whole replica received from a clone source: data first, then metadata (which makes it exist).</summary>
    public void Replace(ChunkHandle handle, long version, ReadOnlySpan<byte> data)
    {
        store.Delete(handle);
        store.WriteData(handle, 0, data);
        store.WriteMetadata(handle, version, Checksums.OfBlocks(data, BlockSize));
    }

    /// <summary>Creates an empty replica at <paramref name="version"/>, or only changes the version of an existing one.</summary>
    public void SetVersion(ChunkHandle handle, long version) =>
        store.WriteMetadata(handle, version, store.Find(handle) is null ? [] : store.ReadChecksums(handle));

    private bool VerifyBlock(ChunkHandle handle, int block, uint[] sums, int length)
    {
        var start = block * BlockSize;
        return Verify(store.ReadData(handle, start, Math.Min(BlockSize, length - start)), block, sums, length);
    }

    private bool Verify(byte[] blocks, int firstBlock, uint[] sums, int chunkLength)
    {
        for (var s = 0; s < blocks.Length; s += BlockSize)
        {
            var b = firstBlock + s / BlockSize;
            var expectedLength = Math.Min(BlockSize, chunkLength - b * BlockSize);
            var length = Math.Min(BlockSize, blocks.Length - s);
            if (b >= sums.Length || length != expectedLength || Checksums.Of(blocks.AsSpan(s, length)) != sums[b]) return false;
        }
        return true;
    }
}

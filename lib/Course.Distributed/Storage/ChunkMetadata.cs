using System.Buffers.Binary;

namespace Course.Distributed.Storage;

/// <summary>The bytes of a replica's metadata (version and block checksums), shared by both stores.</summary>
internal static class ChunkMetadata
{
    private const uint Magic = 0x4B4E4843; // "CHNK"

    public static byte[] Encode(long version, uint[] checksums)
    {
        var bytes = new byte[16 + 4 * checksums.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, Magic);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(4), version);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), checksums.Length);
        for (var i = 0; i < checksums.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16 + 4 * i), checksums[i]);
        return bytes;
    }

    /// <summary>Null when the bytes are not metadata (a torn or foreign file): the replica then does not exist.</summary>
    public static (long Version, uint[] Checksums)? Decode(byte[]? bytes)
    {
        if (bytes is null || bytes.Length < 16 || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic) return null;
        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        if (count < 0 || bytes.Length != 16 + 4 * count) return null;
        var sums = new uint[count];
        for (var i = 0; i < count; i++) sums[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(16 + 4 * i));
        return (BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(4)), sums);
    }
}

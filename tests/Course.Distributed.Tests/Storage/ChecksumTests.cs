using Course.Distributed.Storage;
using Course.Simulation;

namespace Course.Distributed.Tests.Storage;

public class ChecksumTests
{
    private static readonly ChunkHandle H = new(1);

    [Fact]
    public void Crc32cMatchesTheStandardCheckValueAndExtendsIncrementally()
    {
        var text = "123456789"u8.ToArray();
        Assert.Equal(0xE3069283u, ~Checksums.Of(text)); // the CRC-32C check value (RFC 3720)
        var whole = Checksums.Of(text);
        Assert.Equal(whole, Checksums.Extend(Checksums.Of(text.AsSpan(0, 4)), text.AsSpan(4)));
        Assert.Equal([Checksums.Of(text.AsSpan(0, 4)), Checksums.Of(text.AsSpan(4, 4)), Checksums.Of(text.AsSpan(8))], Checksums.OfBlocks(text, 4));
    }

    [Fact]
    public void AppendsExtendTheLastBlocksChecksum_OverwritesRecomputeIt_ReadsVerify()
    {
        var store = new BlobChunkStore(new InMemoryDurableStorage());
        var chunk = new ChecksummedChunk(store, 4);
        chunk.SetVersion(H, 1);
        Assert.Equal(ChunkStatus.Ok, chunk.Write(H, 1, 0, "abcdef"u8));
        Assert.Equal(ChunkStatus.Ok, chunk.Write(H, 1, 6, "ghij"u8));     // appends into the partial block 1
        Assert.Equal(ChunkStatus.Ok, chunk.Write(H, 2, 3, "XY"u8));       // overwrites across blocks 0 and 1
        Assert.Equal(Checksums.OfBlocks("abcXYfghij"u8, 4), store.ReadChecksums(H));
        Assert.Equal(new StoredChunk(H, 2, 10), store.Find(H));
        Assert.Equal(ChunkStatus.Ok, chunk.Read(H, 2, 6, out var read));
        Assert.Equal("cXYfgh"u8.ToArray(), read);
        Assert.Equal(ChunkStatus.Gap, chunk.Write(H, 2, 11, "!"u8));
        Assert.Equal(ChunkStatus.Short, chunk.Read(H, 8, 3, out _));
    }

    [Fact]
    public void AnOverwriteVerifiesThePartlyCoveredBlocksFirst_SoItCannotHideCorruption()
    {
        var store = new BlobChunkStore(new InMemoryDurableStorage());
        var chunk = new ChecksummedChunk(store, 4);
        chunk.SetVersion(H, 1);
        chunk.Write(H, 1, 0, "abcdefgh"u8);
        store.WriteData(H, 0, "z"u8);                                          // bit rot in block 0
        Assert.Equal(ChunkStatus.Corrupt, chunk.Write(H, 1, 2, "XY"u8));       // block 0 only partly overwritten: refused
        Assert.Equal(ChunkStatus.Ok, chunk.Read(H, 4, 4, out _));              // block 1 is fine
        Assert.Equal(ChunkStatus.Corrupt, chunk.Read(H, 3, 2, out _));
        Assert.Equal(ChunkStatus.Ok, chunk.Write(H, 1, 0, "ABCD"u8));          // a whole-block overwrite heals it
        Assert.Equal(ChunkStatus.Ok, chunk.ReadAll(H, out var all));
        Assert.Equal("ABCDefgh"u8.ToArray(), all);
    }

    [Fact]
    public void AnAppendToACorruptPartialBlockKeepsTheCorruptionDetectable()
    {
        var store = new BlobChunkStore(new InMemoryDurableStorage());
        var chunk = new ChecksummedChunk(store, 8);
        chunk.SetVersion(H, 1);
        chunk.Write(H, 1, 0, "abc"u8);
        store.WriteData(H, 1, "!"u8);
        Assert.Equal(ChunkStatus.Ok, chunk.Write(H, 1, 3, "def"u8)); // GFS §5.2: appended without reading the old bytes
        Assert.Equal(ChunkStatus.Corrupt, chunk.Read(H, 3, 3, out _));
    }
}

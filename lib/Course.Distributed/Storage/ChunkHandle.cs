namespace Course.Distributed.Storage;

/// <summary>
/// The master's globally unique, immutable name of a chunk (GFS §2.3: "an immutable and globally unique 64 bit
/// chunk handle assigned by the master at the time of chunk creation"). Shown as c1, c2, …
/// </summary>
public readonly record struct ChunkHandle(long Value) : IComparable<ChunkHandle>
{
    public int CompareTo(ChunkHandle other) => Value.CompareTo(other.Value);
    public override string ToString() => $"c{Value}";
}

/// <summary>A chunk at one version: what a lease, a write and a completed append refer to.</summary>
public readonly record struct ChunkVersion(ChunkHandle Handle, long Version)
{
    public override string ToString() => $"{Handle}@v{Version}";
}

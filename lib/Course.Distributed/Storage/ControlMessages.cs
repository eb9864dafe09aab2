using Course.Simulation;

namespace Course.Distributed.Storage;

/// <summary>One chunk as its server reports it: handle, version, bytes stored, and whether it failed a checksum.</summary>
public readonly record struct ReplicaReport(ChunkHandle Handle, long Version, int Length, bool Corrupt);

/// <summary>
/// Chunk server → master (GFS §2.6.2, §4.5): "I am alive, and these are my chunks". The master learns replica
/// locations only from these — it never persists them. <paramref name="BootId"/> and <paramref name="Sequence"/>
/// let it ignore a heartbeat overtaken by a newer one. The primary asks here for its leases to be extended (§3.1).
/// </summary>
public sealed record Heartbeat(long BootId, long Sequence, IReadOnlyList<ReplicaReport> Chunks, IReadOnlyList<ChunkVersion> ExtendLeases) : DfsMessage
{
    public override int SizeInBytes => Header + 16 + 21 * Chunks.Count + 16 * ExtendLeases.Count;
    public override string ToString() => $"Heartbeat(#{Sequence}, {Chunks.Count} chunks, {ExtendLeases.Count} lease extensions)";
}

public readonly record struct LeaseExtension(ChunkHandle Handle, long Version, TimeSpan Expiry);

public sealed record HeartbeatReply(IReadOnlyList<LeaseExtension> Extensions) : DfsMessage
{
    public override int SizeInBytes => Header + 24 * Extensions.Count;
}

/// <summary>
/// Master → replica (GFS §4.5): the chunk moves from <paramref name="ExpectedVersion"/> to <paramref name="NewVersion"/>
/// because a new lease is granted; <paramref name="Create"/> makes an empty chunk. The replica named
/// <paramref name="Primary"/> holds the lease until <paramref name="LeaseExpiry"/>.
/// </summary>
public sealed record SetVersion(long GrantId, ChunkHandle Handle, long ExpectedVersion, long NewVersion, bool Create, NodeId Primary, TimeSpan LeaseExpiry) : DfsMessage
{
    public override int SizeInBytes => Header + 45;
}

/// <summary>The replica's answer; <paramref name="Sequence"/> is its last heartbeat before it changed the version.</summary>
public sealed record VersionSet(long GrantId, ChunkHandle Handle, long Version, ChunkStatus Status, long BootId, long Sequence) : DfsMessage
{
    public override int SizeInBytes => Header + 44;
}

/// <summary>Master → target (GFS §4.3): copy the chunk at <paramref name="Version"/> from <paramref name="Source"/>.</summary>
public sealed record CloneChunk(ChunkHandle Handle, long Version, NodeId Source) : DfsMessage
{
    public override int SizeInBytes => Header + 20;
}

/// <summary>Clone target → source: send me the whole chunk, checksums verified.</summary>
public sealed record FetchChunk(ChunkHandle Handle, long Version) : DfsMessage
{
    public override int SizeInBytes => Header + 16;
}

public sealed record ChunkContents(ChunkHandle Handle, long Version, ChunkStatus Status, byte[] Data) : DfsMessage
{
    public override int SizeInBytes => Header + 20 + Data.Length;
    public override string ToString() => $"ChunkContents({Handle}@v{Version}, {Status}, {Data.Length} B)";
}

public sealed record CloneDone(ChunkHandle Handle, long Version, int Length, ChunkStatus Status, long BootId, long Sequence) : DfsMessage
{
    public override int SizeInBytes => Header + 40;
}

/// <summary>A checksum mismatch (GFS §5.2): "the chunkserver returns an error … and reports the mismatch to the master".</summary>
public sealed record ReportCorruption(ChunkHandle Handle, long Version) : DfsMessage
{
    public override int SizeInBytes => Header + 16;
}

/// <summary>Delete the replica if its version is at most <paramref name="UpToVersion"/> (so a late order never deletes a newer copy).</summary>
public sealed record DeleteChunk(ChunkHandle Handle, long UpToVersion) : DfsMessage
{
    public override int SizeInBytes => Header + 16;
}

using System.Text;
using Course.Simulation;

namespace Course.Distributed.Storage;

/// <summary>
/// Every message of the file system. Control flow (client ↔ master, master ↔ chunk servers) is small; data
/// flow (pushes, reads, clones) carries bytes — GFS §3.2 keeps the two apart. This file holds the client ↔
/// master messages; <c>ChunkMessages.cs</c> the data path, <c>ControlMessages.cs</c> master ↔ chunk servers.
/// </summary>
public abstract record DfsMessage : IHasSize
{
    /// <summary>Fixed cost of a message (addresses, type, ids), added to its payload.</summary>
    protected const int Header = 32;

    public abstract int SizeInBytes { get; }

    protected static int SizeOf(string? text) => text is null ? 1 : 4 + Encoding.UTF8.GetByteCount(text);
}

/// <summary>A client's request to the master; resent with the same id until answered (the master de-duplicates).</summary>
public abstract record MasterRequest(long RequestId) : DfsMessage;

/// <summary>The master's answer to a <see cref="MasterRequest"/> with the same id.</summary>
public abstract record MasterResponse(long RequestId, DfsError Error) : DfsMessage;

public sealed record CreateFile(long RequestId, string Path) : MasterRequest(RequestId)
{
    public override int SizeInBytes => Header + SizeOf(Path);
}

public sealed record MakeDirectory(long RequestId, string Path) : MasterRequest(RequestId)
{
    public override int SizeInBytes => Header + SizeOf(Path);
}

/// <summary>Deletes a file or an empty directory. Its chunks are reclaimed lazily (GFS §4.4).</summary>
public sealed record DeletePath(long RequestId, string Path) : MasterRequest(RequestId)
{
    public override int SizeInBytes => Header + SizeOf(Path);
}

public sealed record ListDirectory(long RequestId, string Path) : MasterRequest(RequestId)
{
    public override int SizeInBytes => Header + SizeOf(Path);
}

/// <summary>"Which chunks hold this file, at which versions, where?" (GFS §2.4: the client asks the master, then reads from chunk servers).</summary>
public sealed record GetFileInfo(long RequestId, string Path) : MasterRequest(RequestId)
{
    public override int SizeInBytes => Header + SizeOf(Path);
}

/// <summary>Takes the file's writer lease and learns its committed length and chunks.</summary>
public sealed record OpenForAppend(long RequestId, string Path) : MasterRequest(RequestId)
{
    public override int SizeInBytes => Header + SizeOf(Path);
}

/// <summary>The writer needs chunk <paramref name="Index"/> of the file: the master allocates it, places replicas and grants a lease.</summary>
public sealed record AddChunk(long RequestId, string Path, int Index) : MasterRequest(RequestId)
{
    public override int SizeInBytes => Header + SizeOf(Path) + 4;
}

/// <summary>
/// "Who is primary for this chunk?" (GFS §3.1 step 1). <paramref name="Failed"/> lists replicas that failed the
/// writer's last attempt; <paramref name="Revoke"/> says the primary denied holding the lease. Either makes the
/// master grant a new lease with a new version to the remaining replicas (HDFS pipeline recovery).
/// <paramref name="SeenVersion"/> is the version the writer used, so a resent request revokes nothing newer.
/// </summary>
public sealed record GetLease(long RequestId, ChunkHandle Handle, long SeenVersion, IReadOnlyList<NodeId> Failed, bool Revoke) : MasterRequest(RequestId)
{
    public override int SizeInBytes => Header + 16 + 4 * Failed.Count + 1;
}

/// <summary>
/// The writer's last step: every chunk was written at the listed versions; make [<paramref name="OldLength"/>,
/// <paramref name="NewLength"/>) part of the file. Until then readers never see those bytes.
/// </summary>
public sealed record CompleteAppend(long RequestId, string Path, long OldLength, long NewLength, IReadOnlyList<ChunkVersion> Written) : MasterRequest(RequestId)
{
    public override int SizeInBytes => Header + SizeOf(Path) + 16 + 16 * Written.Count;
}

/// <summary>The writer gives up: release the writer lease without changing the file.</summary>
public sealed record AbandonAppend(long RequestId, string Path) : MasterRequest(RequestId)
{
    public override int SizeInBytes => Header + SizeOf(Path);
}

public sealed record MasterReply(long RequestId, DfsError Error, string? Detail = null) : MasterResponse(RequestId, Error)
{
    public override int SizeInBytes => Header + 4 + SizeOf(Detail);
}

public sealed record DirectoryEntry(string Name, bool IsDirectory, long Length)
{
    public override string ToString() => IsDirectory ? $"{Name}/" : $"{Name} ({Length:N0} B)";
}

public sealed record ListingReply(long RequestId, DfsError Error, IReadOnlyList<DirectoryEntry> Entries) : MasterResponse(RequestId, Error)
{
    public override int SizeInBytes => Header + 4 + Entries.Sum(e => SizeOf(e.Name) + 9);
}

/// <summary>One chunk of a file as the master knows it: current version and the live servers that hold it.</summary>
public sealed record ChunkLocations(ChunkHandle Handle, long Version, IReadOnlyList<NodeId> Replicas);

public sealed record FileInfoReply(long RequestId, DfsError Error, long Length, IReadOnlyList<ChunkLocations> Chunks) : MasterResponse(RequestId, Error)
{
    public override int SizeInBytes => Header + 12 + Chunks.Sum(c => 16 + 4 * c.Replicas.Count);
}

public sealed record AppendOpened(long RequestId, DfsError Error, long Length, IReadOnlyList<ChunkHandle> Chunks) : MasterResponse(RequestId, Error)
{
    public override int SizeInBytes => Header + 12 + 8 * Chunks.Count;
}

/// <summary>A chunk lease as the writer sees it (GFS §3.1 step 2): the primary, the secondaries and the version they all hold.</summary>
public sealed record ChunkLeaseInfo(ChunkHandle Handle, long Version, NodeId Primary, IReadOnlyList<NodeId> Secondaries, TimeSpan Expiry)
{
    public IEnumerable<NodeId> Replicas => Secondaries.Prepend(Primary);
    public override string ToString() => $"{Handle}@v{Version} primary {Primary}, secondaries [{string.Join(", ", Secondaries)}]";
}

public sealed record LeaseReply(long RequestId, DfsError Error, ChunkLeaseInfo? Lease) : MasterResponse(RequestId, Error)
{
    public override int SizeInBytes => Header + 4 + (Lease is null ? 0 : 28 + 4 * Lease.Secondaries.Count);
}

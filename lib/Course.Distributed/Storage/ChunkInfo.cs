using Course.Simulation;

namespace Course.Distributed.Storage;

/// <summary>
/// The master's record of one chunk (GFS §2.6): its file and place in it, its version (persisted), and — learnt
/// from heartbeats, never persisted (§2.6.2) — which live servers hold it at that version.
/// </summary>
public sealed class ChunkInfo(ChunkHandle handle, string path, int index)
{
    public ChunkHandle Handle { get; } = handle;
    public string Path { get; } = path;
    public int Index { get; } = index;

    /// <summary>The current version; 0 until the chunk has been created on some server.</summary>
    public long Version { get; internal set; }

    /// <summary>The highest version ever sent to replicas (a bump that did not complete is never reused).</summary>
    internal long IssuedVersion { get; set; }

    internal HashSet<NodeId> Locations { get; } = [];
    internal HashSet<NodeId> Corrupt { get; } = [];
    internal Dictionary<NodeId, PendingClone> Clones { get; } = [];
    internal PendingGrant? Grant { get; set; }

    /// <summary>Live servers known to hold the current version (and not reported corrupt).</summary>
    public IReadOnlyCollection<NodeId> Replicas => Locations;

    /// <summary>Servers whose replica failed a checksum; deleted once enough good replicas exist again (GFS §5.2).</summary>
    public IReadOnlyCollection<NodeId> CorruptReplicas => Corrupt;

    public ChunkLease? Lease { get; internal set; }

    public override string ToString() => $"{Handle}@v{Version} of {Path}#{Index} on [{string.Join(", ", Locations.Order())}]";
}

/// <summary>A version bump in progress: who was asked, who answered (GFS §4.5: before any client is told).</summary>
internal sealed class PendingGrant(long id, long expectedVersion, long version, NodeId primary, IReadOnlyList<NodeId> targets, bool create, TimeSpan leaseExpiry, TimeSpan deadline)
{
    public long Id { get; } = id;
    public long ExpectedVersion { get; } = expectedVersion;
    public bool Resent { get; set; }
    public long Version { get; } = version;
    public NodeId Primary { get; } = primary;
    public IReadOnlyList<NodeId> Targets { get; } = targets;
    public bool Create { get; } = create;
    public TimeSpan LeaseExpiry { get; } = leaseExpiry;
    public TimeSpan Deadline { get; } = deadline;
    public HashSet<NodeId> Acked { get; } = [];
    public HashSet<NodeId> Refused { get; } = [];
    public List<(NodeId Client, long RequestId)> Waiters { get; } = [];
}

internal sealed record PendingClone(NodeId Target, NodeId Source, long Version, TimeSpan Deadline);

/// <summary>The master's view of one chunk server: when it was last heard from, and the heartbeat it came in.</summary>
internal sealed class ServerState(NodeId id)
{
    public NodeId Id { get; } = id;
    public TimeSpan LastSeen { get; set; }
    public bool Alive { get; set; }
    public long BootId { get; set; } = -1;
    public long LastSequence { get; set; } = -1;
    public int ReportedChunks { get; set; }
    public int RecentlyAssigned { get; set; }
    public int ClonesIn { get; set; }
    public int ClonesOut { get; set; }

    /// <summary>
    /// Per chunk, the last heartbeat the server had sent before it told us directly about the chunk (a version
    /// ack, a clone done): heartbeats up to that one describe the past and are ignored for that chunk.
    /// </summary>
    public Dictionary<ChunkHandle, long> ConfirmedAfter { get; } = [];

    public int Load => ReportedChunks + RecentlyAssigned;

    /// <summary>The server restarted (boot ids are its start times, so they only grow): forget sequence numbers.</summary>
    public void NewIncarnation(long bootId)
    {
        BootId = bootId;
        LastSequence = -1;
        ConfirmedAfter.Clear();
    }
}

using Course.Simulation;

namespace Course.Distributed.Storage;

/// <summary>What a stored copy of a chunk is, from the master's point of view and on the disk.</summary>
public enum ReplicaState
{
    /// <summary>Current version, on a live server, counted by the master.</summary>
    Live,
    /// <summary>Current version but not (yet) counted: not reported since a restart, or a clone not yet confirmed.</summary>
    Uncounted,
    /// <summary>An older version: it missed a lease while down or cut off (GFS §4.5); it will be deleted.</summary>
    Stale,
    /// <summary>Failed a checksum and was reported; it will be deleted once good copies are back (GFS §5.2).</summary>
    Corrupt,
    /// <summary>On a server that is crashed right now.</summary>
    Down,
}

/// <summary>One stored copy: where, which version, how many bytes, its state, and whether its checksums verify right now.</summary>
public sealed record ReplicaInfo(NodeId Server, string Rack, long Version, int Length, ReplicaState State, bool Intact)
{
    public override string ToString() => $"{Server}@{Rack} v{Version} {Length:N0} B {State}{(Intact ? "" : " (bit rot)")}";
}

/// <summary>One chunk of one file: the master's version, every copy on every disk, and whether the factor is met.</summary>
public sealed record ChunkReport(string Path, int Index, ChunkHandle Handle, long Version, long CommittedBytes, IReadOnlyList<ReplicaInfo> Copies, int ReplicationFactor)
{
    public int LiveReplicas => Copies.Count(c => c.State == ReplicaState.Live);
    public bool UnderReplicated => LiveReplicas < ReplicationFactor;

    public override string ToString() =>
        $"{Path}#{Index} {Handle} v{Version} {CommittedBytes:N0} B: {LiveReplicas}/{ReplicationFactor} live [{string.Join("; ", Copies)}]";
}

/// <summary>Chunk reads at one network distance (0 same host, 2 same rack, 4 other rack).</summary>
public sealed record ReadLatencyRow(int Distance, int Reads, long Bytes, double MeanMs, double MedianMs, double P95Ms, double MaxMs)
{
    public string Label => Distance switch
    {
        DfsTopology.SameHost => "same host",
        DfsTopology.SameRack => "same rack",
        _ => "other rack",
    };
}

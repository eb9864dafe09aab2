namespace Course.Distributed.Storage;

/// <summary>
/// What the file system did, counted across every node and every restart (the harness owns one and hands it
/// to all nodes): the numbers a notebook plots and a test bounds. Observational only — no node reads them.
/// </summary>
public sealed class DfsCounters
{
    public long ServersDeclaredDead { get; internal set; }
    public long LeasesGranted { get; internal set; }
    public long VersionBumps { get; internal set; }
    public long ClonesStarted { get; internal set; }
    public long ClonesCompleted { get; internal set; }
    public long ClonesFailed { get; internal set; }
    /// <summary>Re-replication traffic: bytes of completed clones.</summary>
    public long CloneBytes { get; internal set; }
    public long StaleReplicasFound { get; internal set; }
    public long CorruptReplicasReported { get; internal set; }
    public long CorruptReplicasDeleted { get; internal set; }
    public long ExcessReplicasDeleted { get; internal set; }
    public long OrphanReplicasDeleted { get; internal set; }
    public long MutationsApplied { get; internal set; }
    public long BytesPushed { get; internal set; }
    public long ReadsServed { get; internal set; }
    /// <summary>Reads a chunk server refused because its replica's version was not the one asked for.</summary>
    public long StaleReadsRefused { get; internal set; }
    public long ChecksumMismatches { get; internal set; }

    public override string ToString() =>
        $"dead servers {ServersDeclaredDead}, leases {LeasesGranted}, version bumps {VersionBumps}, clones {ClonesCompleted}/{ClonesStarted} " +
        $"({CloneBytes:N0} B, {ClonesFailed} failed), stale {StaleReplicasFound}, corrupt {CorruptReplicasReported} reported/{CorruptReplicasDeleted} deleted, " +
        $"excess {ExcessReplicasDeleted}, orphans {OrphanReplicasDeleted}, mutations {MutationsApplied}, reads {ReadsServed} ({StaleReadsRefused} stale refused)";
}

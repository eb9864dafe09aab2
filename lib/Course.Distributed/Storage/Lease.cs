using Course.Simulation;

namespace Course.Distributed.Storage;

/// <summary>
/// A chunk lease as the master records it (GFS §3.1): one replica, the primary, may order mutations to the
/// chunk at <see cref="Version"/> until <see cref="Expiry"/>. Every new lease comes with a new version (§4.5),
/// so a replica that missed it is recognisably stale, and a lease can be revoked by simply granting another.
/// </summary>
public sealed record ChunkLease(NodeId Primary, IReadOnlyList<NodeId> Secondaries, long Version, TimeSpan Expiry)
{
    public IEnumerable<NodeId> Replicas => Secondaries.Prepend(Primary);

    public bool IsValidAt(TimeSpan now) => now < Expiry;

    public ChunkLeaseInfo ToInfo(ChunkHandle handle) => new(handle, Version, Primary, Secondaries, Expiry);
}

/// <summary>
/// The file-level lease of HDFS (§2, "the client that opens a file for writing is granted a lease"): one writer
/// per file, renewed by every request it makes, so appends from two clients never interleave their offsets.
/// </summary>
public sealed record WriterLease(NodeId Client, TimeSpan Expiry)
{
    public bool IsValidAt(TimeSpan now) => now < Expiry;
}

/// <summary>The lease as the primary holds it: until when, and the serial numbers it hands out (GFS §3.1 step 4).</summary>
internal sealed class PrimaryLease(long version, TimeSpan expiry)
{
    public long Version { get; } = version;
    public TimeSpan Expiry { get; set; } = expiry;
    public long LastSerial { get; set; }
    public TimeSpan LastMutation { get; set; } = TimeSpan.MinValue;
}

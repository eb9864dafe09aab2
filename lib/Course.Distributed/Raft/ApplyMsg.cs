namespace Course.Distributed.Raft;

/// <summary>
/// What Raft hands to the service above it, in order (6.5840's ApplyMsg): either a committed command at
/// its index, or a snapshot the leader installed that replaces the service's state up to an index.
/// </summary>
public abstract record ApplyMsg
{
    public sealed record Command(long Index, long Term, string Value) : ApplyMsg;
    public sealed record Snapshot(long Index, long Term, byte[] Data) : ApplyMsg;
}

using Course.Distributed.Raft;
using Course.Simulation;

namespace Course.Distributed.RaftKv;

public enum KvOp { Get, Put, Append }

public enum KvStatus { Ok, WrongLeader, NoKey }

public enum KvReadMode { Log, LocalUnsafe }

/// <summary>What travels between key/value clients and servers (and, wrapped, Raft's own traffic).</summary>
public abstract record KvMessage : IHasSize
{
    public virtual int SizeInBytes => 32;
}

/// <summary>Raft traffic between servers, carried inside the key/value protocol.</summary>
public sealed record RaftTraffic(RaftMessage Inner) : KvMessage
{
    public override int SizeInBytes => Inner.SizeInBytes;
    public override string ToString() => Inner.ToString();
}

/// <summary>
/// A client request. (ClientId, Sequence) identifies it across retries, so a retried Put or Append is
/// applied exactly once (6.5840 lab 4's duplicate detection; Raft thesis §6.3).
/// </summary>
public sealed record KvRequest(long ClientId, long Sequence, KvOp Op, string Key, string Value) : KvMessage
{
    public override string ToString() => Op == KvOp.Get ? $"Get({Key}) #{ClientId}.{Sequence}" : $"{Op}({Key}, {Value}) #{ClientId}.{Sequence}";
}

public sealed record KvReply(long ClientId, long Sequence, KvStatus Status, string Value, NodeId? LeaderHint) : KvMessage
{
    public override string ToString() => $"Reply #{ClientId}.{Sequence} {Status} '{Value}'";
}

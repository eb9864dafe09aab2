using Course.Distributed.Cap;
using Course.Simulation;

namespace Course.Distributed.Partitioning;

/// <summary>Everything the Dynamo nodes and clients say to each other.</summary>
public abstract record DynamoMessage : IHasSize
{
    public virtual int SizeInBytes => 32;

    private protected static int SizeOf(IReadOnlyList<Sibling> siblings) =>
        siblings.Sum(s => s.Value.Length * 2 + s.Version.Counters.Count * 12);
}

public sealed record ClientPut(long RequestId, string Key, string Value, VersionVector Context) : DynamoMessage;
public sealed record ClientGet(long RequestId, string Key) : DynamoMessage;
public sealed record PutReply(long RequestId, bool Ok, VersionVector? Version) : DynamoMessage;
public sealed record GetReply(long RequestId, bool Ok, IReadOnlyList<Sibling> Siblings) : DynamoMessage
{
    public override int SizeInBytes => 32 + SizeOf(Siblings);
}

/// <summary>Store these siblings (merged with what you have). OpId 0 asks for no ack (read repair). HintFor: you hold it for that node.</summary>
public sealed record ReplicaWrite(long OpId, string Key, IReadOnlyList<Sibling> Siblings, NodeId? HintFor) : DynamoMessage
{
    public override int SizeInBytes => 32 + Key.Length * 2 + SizeOf(Siblings);
}
public sealed record WriteAck(long OpId) : DynamoMessage;
public sealed record ReplicaRead(long OpId, string Key) : DynamoMessage;
public sealed record ReadReply(long OpId, string Key, IReadOnlyList<Sibling> Siblings) : DynamoMessage
{
    public override int SizeInBytes => 32 + Key.Length * 2 + SizeOf(Siblings);
}

/// <summary>A fallback node hands a hinted write back to its owner.</summary>
public sealed record HintHandoff(long HintId, string Key, IReadOnlyList<Sibling> Siblings) : DynamoMessage
{
    public override int SizeInBytes => 32 + Key.Length * 2 + SizeOf(Siblings);
}
public sealed record HintAck(long HintId) : DynamoMessage;

/// <summary>"My hashes of these tree nodes at this level" (level 0 is the root): the receiver descends where they differ.</summary>
public sealed record MerkleCompare(int Level, IReadOnlyList<int> Indices, IReadOnlyList<ulong> Hashes) : DynamoMessage
{
    public override int SizeInBytes => 16 + Indices.Count * 12;
}

/// <summary>The sender's keys in the leaf ranges that differ; WantReply asks for the receiver's keys of those ranges back.</summary>
public sealed record MerkleBuckets(IReadOnlyList<int> Buckets, IReadOnlyList<KeyValuePair<string, IReadOnlyList<Sibling>>> Entries, bool WantReply) : DynamoMessage
{
    public override int SizeInBytes => 16 + Buckets.Count * 4 + Entries.Sum(e => e.Key.Length * 2 + SizeOf(e.Value));
}

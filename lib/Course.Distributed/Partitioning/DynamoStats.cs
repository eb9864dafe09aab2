namespace Course.Distributed.Partitioning;

/// <summary>Counters the nodes of one cluster bump (an instrument of the experiment, kept across crashes).</summary>
public sealed class DynamoStats
{
    public long HintsStored { get; internal set; }
    public long HintsDelivered { get; internal set; }
    public long ReadRepairs { get; internal set; }
    public long FallbacksUsed { get; internal set; }
    public long MerkleSessions { get; internal set; }
    public long MerkleHashesSent { get; internal set; }
    public long MerkleKeysSent { get; internal set; }
    public long MerkleKeysUpdated { get; internal set; }
    /// <summary>Leaf ranges found to differ (each sent once in each direction).</summary>
    public long MerkleRangesSynced { get; internal set; }

    public override string ToString() =>
        $"hints stored {HintsStored}, delivered {HintsDelivered}; read repairs {ReadRepairs}; fallbacks {FallbacksUsed}; " +
        $"Merkle: {MerkleSessions} sessions, {MerkleHashesSent} hashes, {MerkleRangesSynced} ranges, {MerkleKeysSent} keys sent, {MerkleKeysUpdated} updated";
}

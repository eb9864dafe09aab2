namespace Course.Distributed.Partitioning;

/// <summary>The knobs of a <see cref="DynamoCluster"/>; <see cref="Validate"/> rejects impossible quorums.</summary>
public sealed record DynamoOptions
{
    /// <summary>Server nodes in the ring.</summary>
    public int Nodes { get; init; } = 5;

    /// <summary>Replicas per key (the preference list's length).</summary>
    public int N { get; init; } = 3;

    /// <summary>Replica answers a read waits for.</summary>
    public int R { get; init; } = 2;

    /// <summary>Replica acknowledgements a write waits for.</summary>
    public int W { get; init; } = 2;

    public int VirtualNodes { get; init; } = 8;

    /// <summary>When a replica does not answer, use the next node on the ring instead (with a hint). Off: a strict quorum of the preference list only.</summary>
    public bool SloppyQuorum { get; init; } = true;

    /// <summary>Fallback nodes hand hinted writes back to the owner when it answers again.</summary>
    public bool HintedHandoff { get; init; } = true;

    /// <summary>After a read, replicas that answered with an older set of siblings get the merged set.</summary>
    public bool ReadRepair { get; init; } = true;

    /// <summary>How often each node starts a Merkle-tree comparison with a random peer; zero turns anti-entropy off.</summary>
    public TimeSpan AntiEntropyInterval { get; init; } = TimeSpan.Zero;

    /// <summary>Depth of the Merkle trees: 2^depth leaves, each a range of the hash space.</summary>
    public int MerkleDepth { get; init; } = 10;

    /// <summary>How long a coordinator waits for a replica before suspecting it (and, sloppy, trying the next node).</summary>
    public TimeSpan ReplicaTimeout { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How long a coordinator tries before it tells the client the request failed.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a fallback node retries handing its hints back.</summary>
    public TimeSpan HintRetryInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Throws an ArgumentException naming the bad parameter.</summary>
    public void Validate()
    {
        if (Nodes < 1) throw new ArgumentOutOfRangeException(nameof(Nodes), Nodes, "Nodes must be at least 1.");
        if (N < 1 || N > Nodes) throw new ArgumentOutOfRangeException(nameof(N), N, $"N must be in [1, Nodes = {Nodes}].");
        if (R < 1 || R > N) throw new ArgumentOutOfRangeException(nameof(R), R, $"R must be in [1, N = {N}].");
        if (W < 1 || W > N) throw new ArgumentOutOfRangeException(nameof(W), W, $"W must be in [1, N = {N}].");
        if (VirtualNodes < 1) throw new ArgumentOutOfRangeException(nameof(VirtualNodes), VirtualNodes, "VirtualNodes must be at least 1.");
        if (MerkleDepth is < 0 or > 16) throw new ArgumentOutOfRangeException(nameof(MerkleDepth), MerkleDepth, "MerkleDepth must be in [0, 16].");
        if (AntiEntropyInterval < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(AntiEntropyInterval), AntiEntropyInterval, "AntiEntropyInterval must not be negative.");
        if (ReplicaTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(ReplicaTimeout), ReplicaTimeout, "ReplicaTimeout must be positive.");
        if (RequestTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(RequestTimeout), RequestTimeout, "RequestTimeout must be positive.");
        if (HintRetryInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(HintRetryInterval), HintRetryInterval, "HintRetryInterval must be positive.");
    }

    public override string ToString() => $"{Nodes} nodes, N={N} R={R} W={W}{(SloppyQuorum ? ", sloppy" : ", strict")}";
}

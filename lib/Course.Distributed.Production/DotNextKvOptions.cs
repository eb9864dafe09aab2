namespace Course.Distributed.Production;

/// <summary>How <see cref="DotNextKvCluster"/> configures DotNext's Raft on each node.</summary>
public sealed record DotNextKvOptions
{
    /// <summary>Election timeouts are drawn from [min, max] (DotNext's LowerElectionTimeout/UpperElectionTimeout).</summary>
    public TimeSpan ElectionTimeoutMin { get; init; } = TimeSpan.FromMilliseconds(150);

    public TimeSpan ElectionTimeoutMax { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>The state machine writes a snapshot every this many applied entries.</summary>
    public int SnapshotEvery { get; init; } = 64;

    /// <summary>Where the nodes' WALs and snapshots go. Null: a temp directory, deleted when the cluster is disposed.</summary>
    public string? Directory { get; init; }

    internal void Validate()
    {
        if (ElectionTimeoutMin <= TimeSpan.Zero || ElectionTimeoutMax < ElectionTimeoutMin)
            throw new ArgumentOutOfRangeException(nameof(ElectionTimeoutMax), ElectionTimeoutMax, "Need 0 < ElectionTimeoutMin <= ElectionTimeoutMax.");
        if (SnapshotEvery < 1) throw new ArgumentOutOfRangeException(nameof(SnapshotEvery), SnapshotEvery, "SnapshotEvery must be positive.");
    }
}

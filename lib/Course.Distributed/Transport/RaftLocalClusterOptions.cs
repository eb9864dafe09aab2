using Course.Distributed.Raft;

namespace Course.Distributed.Transport;

/// <summary>How <see cref="RaftLocalCluster"/> runs its nodes.</summary>
public sealed record RaftLocalClusterOptions
{
    /// <summary>The real clock's tick (10 ms by default, as in the simulator); Raft's timeouts are counted in ticks.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Raft's timing and features. Null: the defaults (heartbeat 10 ticks, election timeout 30–60 ticks, pre-vote).</summary>
    public RaftOptions? Raft { get; init; }

    /// <summary>fsync each durable write (see <see cref="FileDurableStorage"/>).</summary>
    public bool FlushToDisk { get; init; } = true;

    /// <summary>Where the nodes' directories go. Null: a temp directory, deleted when the cluster is disposed.</summary>
    public string? Directory { get; init; }

    /// <summary>Seeds the nodes' randomness (their election timeouts). Null: random. Real time still makes runs differ.</summary>
    public int? Seed { get; init; }

    /// <summary>Events kept before the log stops recording (role changes, commits, links …).</summary>
    public int EventCapacity { get; init; } = 100_000;
}

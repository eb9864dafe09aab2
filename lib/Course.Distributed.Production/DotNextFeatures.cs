namespace Course.Distributed.Production;

/// <summary>
/// What DotNext.Net.Cluster 6.12 adds over our course Raft — only what its API reference (the package's XML docs)
/// or its documentation pages (dotnet.github.io/dotNext, features/cluster/raft and wal) state; each row names the
/// API to look at.
/// </summary>
public static class DotNextFeatures
{
    public static IReadOnlyList<ProductionFeature> All { get; } =
    [
        new("Pre-vote (thesis §9.6)",
            "A pre-voting phase before elections (IRaftClusterMember.PreVoteAsync)",
            "Also: RaftOptions.PreVote, on by default"),
        new("Write-ahead log",
            "WriteAheadLog: log entries in memory-mapped chunk files, periodic checkpoints (Options.FlushInterval), optional integrity hashes (Options.HashAlgorithm: CRC32/64, xxHash)",
            "The whole Raft state (term, vote, log) rewritten as one blob per persist: temp file + rename; cost grows with the log"),
        new("Snapshots and log compaction (§7)",
            "SimpleStateMachine persists a snapshot when ApplyAsync returns true; the WAL then drops the merged entries; old snapshots are reclaimed (ISnapshotManager.ReclaimGarbageAsync)",
            "RaftNode has Snapshot and InstallSnapshot, but RaftLocalCluster's state machine never takes one"),
        new("Membership changes",
            "RaftCluster.AddMemberAsync / RemoveMemberAsync, one member at a time, a new member warmed up first (WarmupRounds); membership in persistent storage (PersistentClusterConfigurationStorage)",
            "Fixed membership, set at start"),
        new("Linearizable reads",
            "ApplyReadBarrierAsync (a heartbeat round; works on followers too) and leader leases (IsLeaderLeaseEnabled + TryGetLeaseToken)",
            "Course.Distributed.RaftKv puts reads through the log (linearizable, checked); this TCP store reads the leader's state without a barrier, so a just-deposed leader may answer stale"),
        new("Failure detection",
            "A leader can detect and remove unresponsive followers (FailureDetectorFactory, PhiAccrualFailureDetector)",
            "None: a dead follower stays a member"),
        new("Standby members",
            "NodeConfiguration.Standby: a member that replicates but is never elected",
            "None"),
        new("Leadership control",
            "ResignAsync revokes leadership and starts an election; AggressiveLeaderStickiness makes a leader reject would-be candidates",
            "None beyond pre-vote's 'a leader is alive' check"),
        new("Transports and security",
            "TCP with TLS (TcpConfiguration.SslOptions), custom transports over ASP.NET Core connections (CustomTransportConfiguration), HTTP in DotNext.AspNetCore.Cluster",
            "Plain TCP on loopback"),
        new("Hooks for application code",
            "LeadershipToken (cancelled on step-down), ConsensusToken (cancelled when the node loses the leader or the majority), LeaderChanged and ReplicationCompleted events",
            "Poll Role/LeaderId; the event log's role notes"),
        new("Observability",
            "Logging through ILoggerFactory (NodeConfiguration.LoggerFactory) and metrics with tags (MeasurementTags)",
            "EventLog notes on one clock, TransportStats counters"),
        new("Client sessions (thesis ch. 6)",
            "Not built in: its docs say duplicate client commands must be eliminated by the application",
            "Not built in either: ProposeAsync retries are at-least-once"),
    ];
}

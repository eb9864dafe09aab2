namespace Course.Distributed.Production;

/// <summary>
/// What one Raft did in the comparison scenario: start → first leader, <see cref="LatencySummary.Count"/> writes,
/// a read, the leader killed → a new leader, the old leader restarted → caught up. Times are wall-clock on this machine.
/// </summary>
public sealed record ScenarioResult(
    string Implementation,
    TimeSpan TimeToFirstLeader,
    long FirstTerm,
    LatencySummary CommitLatency,
    bool ReadBackMatched,
    TimeSpan TimeToReelect,
    long ReelectedTerm,
    TimeSpan TimeToCatchUp,
    bool RestartedNodeCaughtUp);

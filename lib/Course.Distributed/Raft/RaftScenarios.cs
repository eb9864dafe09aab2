namespace Course.Distributed.Raft;

/// <summary>
/// The scenarios of MIT 6.5840's Raft lab (parts 3A–3D, formerly 2A–2D), ported to the deterministic
/// simulator: same names, same steps, same checks. Each throws <see cref="RaftCheckException"/> with the
/// seed on failure. Tests run them over many seeds; the week-1 exercise checker runs the election ones
/// against a learner's vote rule.
/// </summary>
public static partial class RaftScenarios
{
    /// <summary>6.5840's RaftElectionTimeout: the time a test allows for an election.</summary>
    public const int ElectionTimeoutMs = 1000;

    public sealed record Scenario(string Name, string Part, Action<int, RaftOptions?> Run)
    {
        public override string ToString() => Name;
    }

    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("InitialElection", "A", InitialElection),
        new("ReElection", "A", ReElection),
        new("ManyElections", "A", ManyElections),
        new("BasicAgree", "B", BasicAgree),
        new("RPCBytes", "B", RpcBytes),
        new("FollowerFailure", "B", FollowerFailure),
        new("LeaderFailure", "B", LeaderFailure),
        new("FailAgree", "B", FailAgree),
        new("FailNoAgree", "B", FailNoAgree),
        new("ConcurrentStarts", "B", ConcurrentStarts),
        new("Rejoin", "B", Rejoin),
        new("Backup", "B", Backup),
        new("Count", "B", Count),
        new("Persist1", "C", Persist1),
        new("Persist2", "C", Persist2),
        new("Persist3", "C", Persist3),
        new("Figure8", "C", Figure8),
        new("UnreliableAgree", "C", UnreliableAgree),
        new("Figure8Unreliable", "C", Figure8Unreliable),
        new("ReliableChurn", "C", ReliableChurn),
        new("UnreliableChurn", "C", UnreliableChurn),
        new("SnapshotBasic", "D", SnapshotBasic),
        new("SnapshotInstall", "D", SnapshotInstall),
        new("SnapshotInstallUnreliable", "D", SnapshotInstallUnreliable),
        new("SnapshotInstallCrash", "D", SnapshotInstallCrash),
        new("SnapshotInstallUnCrash", "D", SnapshotInstallUnCrash),
        new("SnapshotAllCrash", "D", SnapshotAllCrash),
        new("SnapshotInit", "D", SnapshotInit),
    ];

    public static Scenario Named(string name) =>
        All.FirstOrDefault(s => s.Name == name)
        ?? throw new ArgumentException($"No Raft scenario named '{name}'. Known: {string.Join(", ", All.Select(s => s.Name))}.", nameof(name));

    private static string Rand(RaftCluster c) => c.Random.Next(1_000_000).ToString();
    private static void Check(bool ok, RaftCluster c, string problem) { if (!ok) c.Throw(problem); }
}

namespace Course.Distributed.Raft;

public static partial class RaftScenarios
{
    /// <summary>6.5840's MAXLOGSIZE: with snapshots every 10 entries the persisted state must stay small.</summary>
    public const int MaxLogSize = 2000;
    private const int SnapshotInterval = 10;

    public static void SnapshotBasic(int seed, RaftOptions? options = null) => SnapCommon(seed, disconnect: false, reliable: true, crash: false, options);
    public static void SnapshotInstall(int seed, RaftOptions? options = null) => SnapCommon(seed, disconnect: true, reliable: true, crash: false, options);
    public static void SnapshotInstallUnreliable(int seed, RaftOptions? options = null) => SnapCommon(seed, disconnect: true, reliable: false, crash: false, options);
    public static void SnapshotInstallCrash(int seed, RaftOptions? options = null) => SnapCommon(seed, disconnect: false, reliable: true, crash: true, options);
    public static void SnapshotInstallUnCrash(int seed, RaftOptions? options = null) => SnapCommon(seed, disconnect: false, reliable: false, crash: true, options);

    /// <summary>
    /// A follower misses enough entries that the leader has compacted them: it must be brought up to date
    /// with InstallSnapshot, while every server's persisted state stays bounded.
    /// </summary>
    private static void SnapCommon(int seed, bool disconnect, bool reliable, bool crash, RaftOptions? options)
    {
        const int servers = 3, iterations = 30;
        var c = new RaftCluster(servers, seed, reliable: reliable, snapshots: true, options: options);
        c.One(Rand(c), servers, true);
        var leader1 = c.CheckOneLeader();
        for (var i = 0; i < iterations; i++)
        {
            var victim = (leader1 + 1) % servers;
            var sender = leader1;
            if (i % 3 == 1)
            {
                sender = (leader1 + 1) % servers;
                victim = leader1;
            }
            if (disconnect)
            {
                c.Disconnect(victim);
                c.One(Rand(c), servers - 1, true);
            }
            if (crash)
            {
                c.Crash(victim);
                c.One(Rand(c), servers - 1, true);
            }
            // Enough to cause a snapshot.
            var nn = SnapshotInterval / 2 + c.Random.Next(SnapshotInterval);
            for (var k = 0; k < nn; k++)
                if (c.IsUp(sender)) c.Propose(sender, Rand(c));
            // Let the appliers catch up with those proposals.
            c.One(Rand(c), disconnect || crash ? servers - 1 : servers, true);
            Check(c.MaxPersistedStateSize < MaxLogSize, c, $"persisted Raft state too large: {c.MaxPersistedStateSize} bytes");
            if (disconnect)
            {
                // Reconnect a follower that may need a snapshot to catch up.
                c.Connect(victim);
                c.One(Rand(c), servers, true);
                leader1 = c.CheckOneLeader();
            }
            if (crash)
            {
                c.Restart(victim);
                c.Connect(victim);
                c.One(Rand(c), servers, true);
                leader1 = c.CheckOneLeader();
            }
        }
    }

    /// <summary>Crash every server after snapshots: they restart from snapshot + log, and indices never go back.</summary>
    public static void SnapshotAllCrash(int seed, RaftOptions? options = null)
    {
        const int servers = 3, iterations = 5;
        var c = new RaftCluster(servers, seed, snapshots: true, options: options);
        c.One(Rand(c), servers, true);
        for (var i = 0; i < iterations; i++)
        {
            var nn = SnapshotInterval / 2 + c.Random.Next(SnapshotInterval);
            for (var k = 0; k < nn; k++) c.One(Rand(c), servers, true);
            var index1 = c.One(Rand(c), servers, true);
            for (var k = 0; k < servers; k++) c.Crash(k);
            for (var k = 0; k < servers; k++) { c.Restart(k); c.Connect(k); }
            var index2 = c.One(Rand(c), servers, true);
            Check(index2 >= index1 + 1, c, $"index decreased from {index1} to {index2}");
        }
    }

    /// <summary>A server restarted from a snapshot must start with the snapshot's state, not an empty one.</summary>
    public static void SnapshotInit(int seed, RaftOptions? options = null)
    {
        const int servers = 3;
        var c = new RaftCluster(servers, seed, snapshots: true, options: options);
        c.One(Rand(c), servers, true);
        for (var i = 0; i < SnapshotInterval + 1; i++) c.One(Rand(c), servers, true);
        for (var round = 0; round < 2; round++)
        {
            for (var k = 0; k < servers; k++) c.Crash(k);
            for (var k = 0; k < servers; k++) { c.Restart(k); c.Connect(k); }
            c.One(Rand(c), servers, true);
        }
    }
}

using Course.Distributed.Raft;
using Course.Simulation;

namespace Course.Distributed.Tests.Raft;

/// <summary>Properties beyond the lab's scenarios: what pre-vote buys, and bounded traffic.</summary>
public class RaftBehaviourTests
{
    [Fact]
    public void PreVoteStopsAnIsolatedServerFromInflatingItsTerm()
    {
        SeedRuns.ForEachSeed("pre-vote", seed =>
        {
            var c = new RaftCluster(5, seed);
            var leader = c.CheckOneLeader();
            var loner = (leader + 1) % 5;
            var termBefore = c.Node(loner).CurrentTerm;
            c.Disconnect(loner);
            c.Sleep(10_000); // ~20 election timeouts alone
            Assert.Equal(termBefore, c.Node(loner).CurrentTerm);
            // Rejoining must not depose the working leader.
            var leaderTerm = c.Node(leader).CurrentTerm;
            c.Connect(loner);
            c.Sleep(2_000);
            Assert.True(c.Node(leader).IsLeader, $"seed {seed}: the leader was deposed by a rejoining server");
            Assert.Equal(leaderTerm, c.Node(leader).CurrentTerm);
        });
    }

    [Fact]
    public void WithoutPreVoteTheIsolatedServerDisruptsTheLeaderOnRejoin()
    {
        // The counterfactual, so the test above can fail: plain Raft (§5.2) inflates the loner's term.
        var c = new RaftCluster(5, seed: 1, options: new RaftOptions { PreVote = false });
        var leader = c.CheckOneLeader();
        var loner = (leader + 1) % 5;
        c.Disconnect(loner);
        c.Sleep(10_000);
        Assert.True(c.Node(loner).CurrentTerm > c.Node(leader).CurrentTerm + 5);
        c.Connect(loner);
        c.Sleep(2_000);
        Assert.True(c.CheckTerms() > 2);
    }

    [Fact]
    public void ADisconnectedFollowerIsNotFloodedWithSnapshots()
    {
        var c = new RaftCluster(3, seed: 7, snapshots: true);
        var laggard = (c.CheckOneLeader() + 1) % 3;
        c.Disconnect(laggard);
        for (var i = 0; i < 40; i++) c.One($"cmd{i}", 2, retry: true);
        var before = c.Simulation.Stats.SentOfKind(nameof(InstallSnapshot));
        c.Sleep(5_000);
        var perSecond = (c.Simulation.Stats.SentOfKind(nameof(InstallSnapshot)) - before) / 5.0;
        Assert.InRange(perSecond, 1, 12); // about one per heartbeat interval (100 ms)
        c.Connect(laggard);
        c.One("caught-up", 3, retry: true);
        Assert.True(c.Node(laggard).Log.SnapshotIndex > 0, "the laggard should have installed a snapshot");
    }

    [Fact]
    public void InvalidOptionsAreRejectedByName()
    {
        Assert.Equal("HeartbeatTicks", Assert.Throws<ArgumentOutOfRangeException>(() => new RaftOptions { HeartbeatTicks = 0 }).ParamName);
        Assert.Equal("ElectionTimeoutMaxTicks", Assert.Throws<ArgumentException>(() => new RaftNode(new RaftOptions { ElectionTimeoutMinTicks = 40, ElectionTimeoutMaxTicks = 30 })).ParamName);
        Assert.Equal("ElectionTimeoutMinTicks", Assert.Throws<ArgumentException>(() => new RaftNode(new RaftOptions { HeartbeatTicks = 50 })).ParamName);
        Assert.Equal("servers", Assert.Throws<ArgumentOutOfRangeException>(() => new RaftCluster(0, 1)).ParamName);
        Assert.Throws<ArgumentException>(() => RaftScenarios.Named("NoSuchScenario"));
    }

    [Fact]
    public void SnapshotOfUnappliedEntriesIsRefused()
    {
        var c = new RaftCluster(3, seed: 3);
        c.One("a", 3, retry: true);
        var e = Assert.Throws<NodeFaultException>(() =>
            c.Simulation.Invoke<RaftNode, int>(0, n => { n.Snapshot(n.LastApplied + 5, []); return 0; }));
        Assert.IsType<ArgumentOutOfRangeException>(e.InnerException);
    }
}

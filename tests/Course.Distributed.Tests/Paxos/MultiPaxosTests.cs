using System.Diagnostics;
using Course.Distributed.Paxos;
using Course.Simulation;
using Xunit.Abstractions;

namespace Course.Distributed.Tests.Paxos;

public class MultiPaxosTests(ITestOutputHelper output)
{
    private static MultiPaxosCluster ElectedCluster(int size, int seed, SimulationOptions? simulation = null)
    {
        var cluster = new MultiPaxosCluster(size, seed, simulationOptions: simulation);
        Assert.True(cluster.RunUntil(() => cluster.Leader is not null, TimeSpan.FromSeconds(2)), $"seed {seed}: no leader elected");
        cluster.RunFor(TimeSpan.FromMilliseconds(100));
        return cluster;
    }

    [Fact]
    public void AStableLeaderCommitsEachCommandInOneRoundTripWithoutPhaseOne()
    {
        const int size = 5, commands = 20;
        var cluster = ElectedCluster(size, seed: 11, new SimulationOptions
        {
            Network = NetworkConditions.Reliable with { Latency = Latency.Uniform(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5)) },
        });
        var leader = cluster.Leader!.Value;
        var trace = cluster.Simulation.Trace;
        var from = trace.Events.Count;

        for (var i = 0; i < commands; i++)
        {
            var submittedAt = cluster.Now;
            cluster.Submit(leader, $"cmd{i}");
            Assert.True(cluster.RunUntil(() => cluster.NodeOrNull(leader)!.Applied.Contains($"cmd{i}"), TimeSpan.FromSeconds(1)), $"seed 11: cmd{i} not applied");
            // One round trip: Accept out and Accepted back, each at most 5 ms.
            Assert.True(cluster.Now - submittedAt <= TimeSpan.FromMilliseconds(10), $"seed 11: cmd{i} took {(cluster.Now - submittedAt).TotalMilliseconds} ms");
        }
        cluster.RunFor(TimeSpan.FromMilliseconds(50));

        var sent = trace.Events.Skip(from).Where(e => e.Kind == TraceKind.Send).Select(e => e.Payload).ToList();
        Assert.DoesNotContain(sent, m => m is MultiPaxosMessage.Prepare);
        Assert.Equal(commands * size, sent.Count(m => m is MultiPaxosMessage.Accept));           // one Accept per acceptor per command
        Assert.Equal(commands * size * size, sent.Count(m => m is MultiPaxosMessage.Accepted));  // each acceptor tells every learner
        Assert.Equal(leader, cluster.Leader);
        Assert.All(cluster.Nodes, n => Assert.Equal(Enumerable.Range(0, commands).Select(i => $"cmd{i}"), cluster.NodeOrNull(n)!.Applied));
        Assert.Empty(cluster.SafetyViolations());
        output.WriteLine($"{sent.Count} messages for {commands} commands, {sent.Count(m => m is MultiPaxosMessage.Heartbeat)} of them heartbeats");
    }

    [Fact]
    public void ACommandSubmittedToAFollowerIsForwardedToTheLeader()
    {
        var cluster = ElectedCluster(3, seed: 12);
        var follower = cluster.Nodes.First(n => n != cluster.Leader);
        cluster.Submit(follower, "via-follower");
        Assert.True(cluster.RunUntil(() => cluster.AllLiveApplied(["via-follower"]), TimeSpan.FromSeconds(1)), "seed 12: not applied everywhere");
        Assert.Contains(cluster.Simulation.Trace.Events, e => e.Kind == TraceKind.Send && e.Payload is MultiPaxosMessage.Forward && e.Node == follower);
    }

    [Fact]
    public void ANewLeaderReproposesAcceptedValuesAndFillsHolesWithNoOps()
    {
        var cluster = ElectedCluster(5, seed: 13);
        var old = cluster.Leader!.Value;
        var others = cluster.Nodes.Where(n => n != old).ToArray();
        var witness = others[0];

        cluster.Submit(old, "a");                                                    // slot 0: chosen normally
        Assert.True(cluster.RunUntil(() => cluster.AllLiveApplied(["a"]), TimeSpan.FromSeconds(1)), "seed 13: a not applied");
        foreach (var n in others) cluster.Simulation.BlockLink(old, n);
        cluster.Submit(old, "b");                                                    // slot 1: accepted by the old leader only
        cluster.RunFor(TimeSpan.FromMilliseconds(20));
        cluster.Connect(old);
        foreach (var n in others.Skip(1)) cluster.Simulation.BlockLink(old, n);
        cluster.Submit(old, "c");                                                    // slot 2: accepted by the old leader and the witness
        cluster.RunFor(TimeSpan.FromMilliseconds(20));
        cluster.Crash(old);
        cluster.Crash(others[^1]);                                                   // the new majority must include the witness
        cluster.Connect(old);

        Assert.True(cluster.RunUntil(() => cluster.Leader is { } l && l != old && cluster.NodeOrNull(witness)!.Log.Count >= 3, TimeSpan.FromSeconds(3)),
            "seed 13: no new leader finished the open slots");
        Assert.Equal(["a", MultiPaxosNode.NoOp, "c"], cluster.NodeOrNull(witness)!.Log.Take(3));
        Assert.Contains(cluster.Simulation.Trace.Notes("leader"), e => e.Detail.Contains("1 re-proposed, 1 holes filled", StringComparison.Ordinal));
        Assert.Empty(cluster.SafetyViolations());
    }

    [Fact]
    public void ARestartedNodeReappliesItsLogAndCatchesUp()
    {
        var cluster = ElectedCluster(3, seed: 14);
        var follower = cluster.Nodes.First(n => n != cluster.Leader);
        cluster.Submit(cluster.Leader!.Value, "x1");
        cluster.RunUntil(() => cluster.AllLiveApplied(["x1"]), TimeSpan.FromSeconds(1));
        cluster.Crash(follower);
        for (var i = 2; i <= 5; i++) cluster.Submit(cluster.Leader!.Value, $"x{i}");
        cluster.RunFor(TimeSpan.FromMilliseconds(200));
        cluster.Restart(follower);
        Assert.Equal(["x1"], cluster.NodeOrNull(follower)!.Applied);                // from its own storage
        Assert.True(cluster.RunUntil(() => cluster.NodeOrNull(follower)!.Applied.Count == 5, TimeSpan.FromSeconds(1)), "seed 14: no catch-up");
        Assert.Equal(cluster.LogOf(cluster.Leader!.Value), cluster.LogOf(follower));
        Assert.Empty(cluster.SafetyViolations());
    }

    [Fact]
    public void TwoHundredSeedsOfFaultsAndLeaderCrashesAgreeOnEverySlot()
    {
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        int leaderCrashes = 0, slots = 0;
        for (var seed = 1; seed <= 200; seed++)
        {
            var outcome = MultiPaxosScenario.Run(seed);
            leaderCrashes += outcome.LeaderCrashes;
            slots += outcome.Cluster.Nodes.Max(n => outcome.Cluster.LogOf(n).Count);
            if (outcome.Violations.Count > 0 || !outcome.Live) failures.Add(outcome.Describe());
        }
        output.WriteLine($"200 seeds, {leaderCrashes} leader crashes, {slots} slots, {clock.ElapsedMilliseconds} ms");
        Assert.True(failures.Count == 0, $"{failures.Count} failing seeds; first:\n{failures.FirstOrDefault()}");
        Assert.True(leaderCrashes >= 400, $"only {leaderCrashes} leader crashes in 200 seeds: the test is too gentle");
    }
}

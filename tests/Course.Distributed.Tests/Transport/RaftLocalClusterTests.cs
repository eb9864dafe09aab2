using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Course.Distributed.Raft;
using Course.Distributed.Transport;
using Course.Simulation;

namespace Course.Distributed.Tests.Transport;

/// <summary>Raft over real TCP, a real clock and real files: elections, replication, a killed leader, a restart.</summary>
[Collection(RealNetwork.Collection)]
public class RaftLocalClusterTests
{
    private static readonly TimeSpan ElectionBound = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public async Task TheClusterElectsExactlyOneLeader(int nodes)
    {
        await using var cluster = await RaftLocalCluster.StartAsync(nodes, new RaftLocalClusterOptions { Seed = nodes });
        var clock = Stopwatch.StartNew();
        var leader = await cluster.WaitForLeaderAsync(ElectionBound);
        Assert.True(clock.Elapsed < ElectionBound);

        // Give heartbeats time to reach everyone, then all running nodes agree on the leader and its term.
        Assert.True(await Eventually.TrueAsync(async () =>
            (await cluster.StatusesAsync()).All(s => s.LeaderId == leader.Node && s.Term == leader.Term), TimeSpan.FromSeconds(3)), cluster.Events.Tail());
        var statuses = await cluster.StatusesAsync();
        Assert.Single(statuses, s => s.Role == RaftRole.Leader);
        AssertAtMostOneLeaderPerTerm(cluster);
    }

    [Fact]
    public async Task CommandsCommitOnEveryNodeInTheSameOrder()
    {
        await using var cluster = await RaftLocalCluster.StartAsync(3, new RaftLocalClusterOptions { Seed = 11 });
        await cluster.WaitForLeaderAsync(ElectionBound);

        // Sequential and concurrent proposals: all commit, and every node applies one and the same sequence.
        var results = new List<CommitResult>();
        for (var i = 0; i < 10; i++) results.Add(await cluster.ProposeAsync($"seq{i}"));
        results.AddRange(await Task.WhenAll(Enumerable.Range(0, 20).Select(i => cluster.ProposeAsync($"par{i}"))));
        Assert.Equal(results.Count, results.Select(r => r.Index).Distinct().Count());

        Assert.True(await cluster.WaitForAppliedAsync(results.Max(r => r.Index)), cluster.Events.Tail());
        var applied = Enumerable.Range(0, cluster.Size).Select(cluster.AppliedCommands).ToArray();
        Assert.All(applied, a => Assert.Equal(applied[0], a));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"seq{i}"), applied[0].Take(10));
        Assert.Equal(30, applied[0].Count);

        var traffic = cluster.Traffic();
        Assert.All(traffic, t => Assert.True(t.Sent > 0 && t.Received > 0, t.ToString()));
        Assert.True(cluster.Stats(results[0].Leader).SentOfKind(nameof(AppendEntries)) > 0);
    }

    [Fact]
    public async Task KillingTheLeaderElectsANewOneAndTheOldOneCatchesUpAfterARestart()
    {
        await using var cluster = await RaftLocalCluster.StartAsync(3, new RaftLocalClusterOptions { Seed = 5 });
        var first = await cluster.WaitForLeaderAsync(ElectionBound);
        for (var i = 0; i < 5; i++) await cluster.ProposeAsync($"before{i}");

        var oldPort = cluster.EndPointOf(first.Node)!.Port;
        var clock = Stopwatch.StartNew();
        await cluster.KillAsync(first.Node);
        Assert.False(cluster.IsUp(first.Node));
        var second = await cluster.WaitForLeaderAsync(ElectionBound, afterTerm: first.Term);
        Assert.True(clock.Elapsed < ElectionBound, $"re-election took {clock.Elapsed}");
        Assert.NotEqual(first.Node, second.Node);
        Assert.True(second.Term > first.Term);
        AssertPortFree(oldPort);

        for (var i = 0; i < 5; i++) await cluster.ProposeAsync($"after{i}");

        await cluster.RestartAsync(first.Node);
        var last = await cluster.ProposeAsync("after-restart");
        Assert.True(await cluster.WaitForAppliedAsync(last.Index), cluster.Events.Tail());

        // The restarted node's log is the others' log, and its state machine replayed every command.
        var logs = await Task.WhenAll(Enumerable.Range(0, 3).Select(cluster.LogAsync));
        Assert.All(logs, log => Assert.Equal(logs[0], log));
        Assert.Equal(cluster.AppliedCommands(second.Node), cluster.AppliedCommands(first.Node));
        Assert.Contains("before0", cluster.AppliedCommands(first.Node));
        AssertAtMostOneLeaderPerTerm(cluster);

        var timeline = cluster.RoleTimeline();
        Assert.Contains(timeline, c => c.Node == first.Node && c.Role == "Down");
        Assert.Contains(timeline, c => c.Node == second.Node && c.Role == nameof(RaftRole.Leader) && c.Term == second.Term);
    }

    [Fact]
    public async Task DisposingStopsEveryThreadAndFreesEveryPortAndDirectory()
    {
        var cluster = await RaftLocalCluster.StartAsync(3, new RaftLocalClusterOptions { Seed = 1 });
        await cluster.WaitForLeaderAsync(ElectionBound);
        await cluster.ProposeAsync("x");
        var ports = Enumerable.Range(0, 3).Select(i => cluster.EndPointOf(i)!.Port).ToArray();
        Assert.Equal(3, NodeHostDiagnostics.RunningThreads);

        await cluster.DisposeAsync();

        Assert.All(Enumerable.Range(0, 3), i => Assert.False(cluster.IsUp(i)));
        Assert.False(Directory.Exists(cluster.Directory));
        foreach (var port in ports) AssertPortFree(port);
        Assert.Equal(0, NodeHostDiagnostics.RunningThreads); // dispose waited for every node thread to end
        await cluster.DisposeAsync(); // idempotent
    }

    /// <summary>Election safety (§5.2): per term, at most one node ever became leader.</summary>
    private static void AssertAtMostOneLeaderPerTerm(RaftLocalCluster cluster)
    {
        foreach (var term in cluster.RoleTimeline().Where(c => c.Role == nameof(RaftRole.Leader)).GroupBy(c => c.Term))
            Assert.True(term.Select(c => c.Node).Distinct().Count() == 1, $"two leaders in term {term.Key}");
    }

    private static void AssertPortFree(int port)
    {
        var probe = new TcpListener(IPAddress.Loopback, port);
        probe.Start();
        probe.Stop();
    }
}

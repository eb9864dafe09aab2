using Course.Simulation;
namespace Course.Distributed.Production.Tests;

/// <summary>DotNext's Raft on three loopback nodes: election, replication, a killed leader, restarts from the WAL, cleanup.</summary>
[Collection(RealNetwork.Collection)]
public class DotNextKvClusterTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task ElectsOneLeaderAndReplicatesWritesToAllThreeNodes()
    {
        await using var cluster = await DotNextKvCluster.StartAsync(3);
        var leader = await cluster.WaitForLeaderAsync(Bound);
        Assert.InRange(leader.Node, 0, 2);
        Assert.True(leader.Term >= 1);

        for (var i = 0; i < 10; i++) await cluster.SetAsync($"k{i}", $"v{i}");
        Assert.Equal("v9", await cluster.GetAsync("k9"));
        Assert.True(await Eventually.TrueAsync(() => Enumerable.Range(0, 3).All(n => cluster.StateOf(n).Count == 10), Bound));
        foreach (var n in Enumerable.Range(0, 3))
            Assert.Equal(Enumerable.Range(0, 10).ToDictionary(i => $"k{i}", i => $"v{i}"), cluster.StateOf(n));
    }

    [Fact]
    public async Task SurvivesALeaderKillAndTheRestartedLeaderCatchesUp()
    {
        await using var cluster = await DotNextKvCluster.StartAsync(3, new DotNextKvOptions { SnapshotEvery = 4 });
        var first = await cluster.WaitForLeaderAsync(Bound);
        for (var i = 0; i < 6; i++) await cluster.SetAsync($"before{i}", "1");

        await cluster.KillAsync(first.Node);
        Assert.False(cluster.IsUp(first.Node));
        var second = await cluster.WaitForLeaderAsync(Bound, afterTerm: first.Term);
        Assert.NotEqual(first.Node, second.Node);
        Assert.True(second.Term > first.Term);

        for (var i = 0; i < 6; i++) await cluster.SetAsync($"after{i}", "2");
        Assert.Equal("2", await cluster.GetAsync("after5"));

        await cluster.RestartAsync(first.Node);
        Assert.True(await Eventually.TrueAsync(() => cluster.StateOf(first.Node).Count == 12, Bound));
        Assert.Equal(cluster.StateOf(second.Node), cluster.StateOf(first.Node));
    }

    [Fact]
    public async Task AClusterRestartedWholeRecoversItsStateFromTheWal()
    {
        var dir = Directory.CreateTempSubdirectory("course-dotnext-test-").FullName;
        try
        {
            var options = new DotNextKvOptions { Directory = dir, SnapshotEvery = 5 };
            var cluster = await DotNextKvCluster.StartAsync(3, options);
            await cluster.WaitForLeaderAsync(Bound);
            for (var i = 0; i < 12; i++) await cluster.SetAsync($"k{i}", $"v{i}"); // snapshots at 5 and 10, the rest in the log
            Assert.True(await Eventually.TrueAsync(() => Enumerable.Range(0, 3).All(n => cluster.StateOf(n).Count == 12), Bound));
            foreach (var n in Enumerable.Range(0, 3)) await cluster.KillAsync(n);
            foreach (var n in Enumerable.Range(0, 3)) await cluster.RestartAsync(n);

            await cluster.WaitForLeaderAsync(Bound);
            Assert.Equal("v11", await cluster.GetAsync("k11"));
            Assert.True(await Eventually.TrueAsync(() => Enumerable.Range(0, 3).All(n => cluster.StateOf(n).Count == 12), Bound));
            await cluster.DisposeAsync();
            Assert.True(Directory.Exists(dir)); // a caller's directory is the caller's to delete
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task DisposingStopsEveryMemberAndFreesItsPortAndDirectory()
    {
        var cluster = await DotNextKvCluster.StartAsync(3);
        await cluster.WaitForLeaderAsync(Bound);
        await cluster.SetAsync("x", "1");
        var ports = cluster.EndPoints.Select(e => e.Port).ToArray();

        await cluster.DisposeAsync();

        Assert.All(Enumerable.Range(0, 3), n => Assert.False(cluster.IsUp(n)));
        Assert.False(Directory.Exists(cluster.Directory));
        foreach (var port in ports) RealNetwork.AssertPortFree(port);
        await cluster.DisposeAsync(); // idempotent
    }
}

using Course.Simulation;
namespace Course.Distributed.Production.Tests;

/// <summary>The same store on our Raft behaves the same way through the shared interface.</summary>
[Collection(RealNetwork.Collection)]
public class RaftKvClusterTests
{
    [Fact]
    public async Task WritesReadsAndSurvivesALeaderKill()
    {
        await using IKvCluster cluster = await CourseKvCluster.StartAsync(3);
        var first = await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(15));
        await cluster.SetAsync("a", "1");
        await cluster.SetAsync("a", "2");
        Assert.Equal("2", await cluster.GetAsync("a"));

        await cluster.KillAsync(first.Node);
        var second = await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(15), afterTerm: first.Term);
        await cluster.SetAsync("b", "3");
        await cluster.RestartAsync(first.Node);
        Assert.True(await Eventually.TrueAsync(() => cluster.StateOf(first.Node).Count == 2, TimeSpan.FromSeconds(15)));
        Assert.Equal(cluster.StateOf(second.Node), cluster.StateOf(first.Node));
    }
}

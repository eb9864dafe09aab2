using Course.Distributed.Paxos;
namespace Course.Distributed.Tests.Paxos;

/// <summary>Every failure message prints a seed; these check that a seed really replays the same run.</summary>
public class ReplayTests
{
    [Theory]
    [InlineData(7)]
    [InlineData(66)]
    public void ASingleDecreeSeedReplaysBitForBit(int seed)
    {
        var a = SingleDecreeScenario.Run(seed).Cluster;
        var b = SingleDecreeScenario.Run(seed).Cluster;
        Assert.Equal(a.Simulation.Trace.Fingerprint(), b.Simulation.Trace.Fingerprint());
        Assert.Equal(a.LearnEvents, b.LearnEvents);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(42)]
    public void AMultiPaxosSeedReplaysBitForBit(int seed)
    {
        var a = MultiPaxosScenario.Run(seed).Cluster;
        var b = MultiPaxosScenario.Run(seed).Cluster;
        Assert.Equal(a.Simulation.Trace.Fingerprint(), b.Simulation.Trace.Fingerprint());
        Assert.All(a.Nodes, n => Assert.Equal(a.LogOf(n), b.LogOf(n)));
    }
}

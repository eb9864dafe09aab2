using Course.Simulation;

namespace Course.Simulation.Tests;

public class NetworkTests
{
    private static (Simulation<Ping> Sim, PingNode A, PingNode B) Pair(int seed, NetworkConditions network)
    {
        var sim = new Simulation<Ping>(seed, new SimulationOptions { Network = network, TraceMessages = false });
        sim.AddNode(_ => new PingNode());
        sim.AddNode(_ => new PingNode { Sends = false });
        return (sim, sim.Node<PingNode>(0), sim.Node<PingNode>(1));
    }

    [Theory]
    [InlineData(7, 0.0)]
    [InlineData(7, 0.1)]
    [InlineData(8, 0.3)]
    public void LossRateMatchesTheConfiguredProbability(int seed, double loss)
    {
        var (sim, _, b) = Pair(seed, NetworkConditions.Reliable with { LossProbability = loss });
        sim.RunFor(TimeSpan.FromSeconds(100)); // 10,000 pings
        var sent = sim.Stats.SentBy(0);
        var observed = 1 - (double)b.Received.Count / sent;
        Assert.True(sent >= 9_000, $"seed {seed}: only {sent} sent");
        Assert.InRange(observed, loss - 0.02, loss + 0.02);
    }

    [Fact]
    public void UniformLatencyReordersAndConstantLatencyDoesNot()
    {
        var constant = Pair(3, NetworkConditions.Reliable with { Latency = Latency.Constant(TimeSpan.FromMilliseconds(5)) });
        constant.Sim.RunFor(TimeSpan.FromSeconds(2));
        var inOrder = constant.B.Received.Select(r => r.Sequence).ToArray();
        Assert.Equal(inOrder.Order(), inOrder);

        // Pings every 10 ms with delays spread over 0–50 ms must overtake each other.
        var jittery = Pair(3, NetworkConditions.Reliable with { Latency = Latency.Uniform(TimeSpan.Zero, TimeSpan.FromMilliseconds(50)) });
        jittery.Sim.RunFor(TimeSpan.FromSeconds(2));
        var seq = jittery.B.Received.Select(r => r.Sequence).ToArray();
        Assert.Contains(Enumerable.Range(1, seq.Length - 1), i => seq[i] < seq[i - 1]);
    }

    [Fact]
    public void DuplicationDeliversSomeMessagesTwice()
    {
        var (sim, _, b) = Pair(11, NetworkConditions.Reliable with { DuplicationProbability = 0.2 });
        sim.RunFor(TimeSpan.FromSeconds(10));
        var duplicates = b.Received.GroupBy(r => r.Sequence).Count(g => g.Count() == 2);
        Assert.InRange(duplicates, 150, 250); // ~20% of ~1000
        Assert.Equal(duplicates, sim.Stats.Duplicated);
    }

    [Fact]
    public void LongDelaysDeliverStaleMessagesMuchLater()
    {
        var (sim, _, b) = Pair(5, NetworkConditions.Reliable with { LongDelayProbability = 0.05, LongDelay = TimeSpan.FromSeconds(2) });
        sim.RunFor(TimeSpan.FromSeconds(10));
        var maxLag = b.Received.Max(r => r.At - TimeSpan.FromMilliseconds(10 * r.Sequence));
        Assert.True(maxLag > TimeSpan.FromMilliseconds(500), $"max lag only {maxLag.TotalMilliseconds} ms");
    }

    [Fact]
    public void PartitionsBlockBothWaysAndHealRestores()
    {
        var sim = new Simulation<Ping>(9);
        for (var i = 0; i < 3; i++) sim.AddNode(_ => new PingNode());
        sim.Partition([0], [1, 2]);
        sim.RunFor(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(sim.Node<PingNode>(0).Received, r => true);
        Assert.DoesNotContain(sim.Node<PingNode>(1).Received, r => r.From == new NodeId(0));
        Assert.Contains(sim.Node<PingNode>(1).Received, r => r.From == new NodeId(2));

        sim.Heal();
        sim.RunFor(TimeSpan.FromSeconds(1));
        Assert.Contains(sim.Node<PingNode>(0).Received, r => r.From == new NodeId(1));
    }

    [Fact]
    public void OneWayBlockLosesOnlyOneDirection()
    {
        var sim = new Simulation<Ping>(10);
        sim.AddNode(_ => new PingNode());
        sim.AddNode(_ => new PingNode());
        sim.BlockLink(0, 1);
        sim.RunFor(TimeSpan.FromSeconds(1));
        Assert.Empty(sim.Node<PingNode>(1).Received);
        Assert.NotEmpty(sim.Node<PingNode>(0).Received);
    }

    [Fact]
    public void MessagesInFlightWhenALinkIsCutAreLost()
    {
        var sim = new Simulation<Ping>(12, new SimulationOptions { Network = NetworkConditions.Reliable with { Latency = Latency.Constant(TimeSpan.FromMilliseconds(100)) } });
        sim.AddNode(_ => new PingNode());
        sim.AddNode(_ => new PingNode { Sends = false });
        sim.RunFor(TimeSpan.FromMilliseconds(50)); // some pings are on the wire
        sim.Disconnect(1);
        sim.RunFor(TimeSpan.FromMilliseconds(500));
        Assert.Empty(sim.Node<PingNode>(1).Received);
        Assert.True(sim.Stats.Dropped > 0);
    }
}

public class ConnectSemanticsTests
{
    [Fact]
    public void TwoDisconnectedNodesStayApartUntilBothAreConnected()
    {
        var sim = new Simulation<Ping>(13);
        for (var i = 0; i < 3; i++) sim.AddNode(_ => new PingNode());
        sim.Disconnect(0);
        sim.Disconnect(1);
        sim.Connect(0);
        Assert.True(sim.CanReach(0, 2));
        Assert.False(sim.CanReach(0, 1));
        Assert.False(sim.CanReach(1, 2));
        sim.Connect(1);
        Assert.True(sim.CanReach(0, 1));
        Assert.True(sim.CanReach(2, 1));
    }
}

using Course.Simulation;

namespace Course.Simulation.Tests;

public class BadInputTests
{
    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void ProbabilitiesOutsideZeroOneAreRejectedByName(double p)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => NetworkConditions.Reliable with { LossProbability = p });
        Assert.Equal("LossProbability", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => NetworkConditions.Reliable with { DuplicationProbability = p });
    }

    [Fact]
    public void NegativeDelaysAreRejectedByName()
    {
        Assert.Equal("delay", Assert.Throws<ArgumentOutOfRangeException>(() => Latency.Constant(TimeSpan.FromMilliseconds(-1))).ParamName);
        Assert.Equal("max", Assert.Throws<ArgumentOutOfRangeException>(() => Latency.Uniform(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(1))).ParamName);
        var sim = new Simulation<Ping>(1);
        Assert.Equal("delay", Assert.Throws<ArgumentOutOfRangeException>(() => sim.Schedule(TimeSpan.FromSeconds(-1), () => { })).ParamName);
        Assert.Equal("TickInterval", Assert.Throws<ArgumentOutOfRangeException>(() => new SimulationOptions { TickInterval = TimeSpan.Zero }).ParamName);
    }

    [Fact]
    public void UnknownNodeIdsAreRejectedWithTheValidRange()
    {
        var sim = new Simulation<Ping>(1);
        sim.AddNode(_ => new PingNode());
        var e = Assert.Throws<ArgumentException>(() => sim.Crash(5));
        Assert.Contains("n5", e.Message);
        Assert.Contains("n0..n0", e.Message);
        Assert.Throws<ArgumentException>(() => sim.Partition([0, 0]));
    }

    [Fact]
    public void RunUntilReturnsFalseWhenTheBudgetRunsOutInsteadOfHanging()
    {
        var sim = new Simulation<Ping>(1);
        sim.AddNode(_ => new PingNode());
        Assert.False(sim.RunUntil(() => false, TimeSpan.FromSeconds(3)));
        Assert.Equal(TimeSpan.FromSeconds(3), sim.Now);
        var e = Assert.Throws<SimulationBudgetExceededException>(() => sim.RunUntilOrThrow(() => false, TimeSpan.FromSeconds(1), "a leader"));
        Assert.Contains("seed 1", e.Message);
    }

    [Fact]
    public void AnEventStormStopsAtMaxEvents()
    {
        var sim = new Simulation<Ping>(1, new SimulationOptions { MaxEvents = 1000 });
        sim.AddNode(_ => new PingNode());
        sim.AddNode(_ => new PingNode());
        Assert.Throws<SimulationBudgetExceededException>(() => sim.RunFor(TimeSpan.FromHours(1)));
    }

    [Fact]
    public void ANodeThatThrowsIsReportedWithNodeTimeAndSeed()
    {
        var sim = new Simulation<Ping>(77);
        sim.AddNode(_ => new ThrowingNode());
        var e = Assert.Throws<NodeFaultException>(() => sim.RunFor(TimeSpan.FromSeconds(1)));
        Assert.Contains("n0", e.Message);
        Assert.Contains("seed 77", e.Message);
        Assert.IsType<InvalidOperationException>(e.InnerException);
    }

    private sealed class ThrowingNode : INode<Ping>
    {
        public void Start(INodeContext<Ping> context) { }
        public void Receive(NodeId from, Ping message) { }
        public void Tick() => throw new InvalidOperationException("bug in the learner's handler");
    }
}

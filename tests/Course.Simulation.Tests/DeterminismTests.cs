using Course.Simulation;

namespace Course.Simulation.Tests;

public class DeterminismTests
{
    private static Simulation<Ping> Run(int seed)
    {
        var sim = new Simulation<Ping>(seed, new SimulationOptions { Network = NetworkConditions.Unreliable });
        for (var i = 0; i < 3; i++) sim.AddNode(_ => new PingNode());
        sim.RunFor(TimeSpan.FromMilliseconds(300));
        sim.Crash(1);
        sim.Partition([0], [1, 2]);
        sim.RunFor(TimeSpan.FromMilliseconds(300));
        sim.Restart(1);
        sim.Heal();
        sim.RunFor(TimeSpan.FromMilliseconds(300));
        return sim;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(20261128)]
    public void SameSeedGivesTheSameRunBitForBit(int seed)
    {
        var a = Run(seed);
        var b = Run(seed);
        Assert.True(a.Trace.Events.Count > 100, $"seed {seed}: trace too small to mean anything");
        Assert.Equal(a.Trace.Fingerprint(), b.Trace.Fingerprint());
        Assert.Equal(a.Stats.ToString(), b.Stats.ToString());
    }

    [Fact]
    public void DifferentSeedsGiveDifferentRuns()
    {
        Assert.NotEqual(Run(1).Trace.Fingerprint(), Run(2).Trace.Fingerprint());
    }

    [Fact]
    public void DerivedSeedsAreStableAcrossProcesses()
    {
        // Pinned values: if these change, every printed seed in the course stops replaying.
        Assert.Equal(1834938915, DeterministicRandom.DeriveSeed(42, 1, 0));
        Assert.Equal(981507379, DeterministicRandom.DeriveSeed(42, 1, 1));
        Assert.Equal(857019877, new Random(1234).Next()); // seeded System.Random is stable across runs and machines
    }
}

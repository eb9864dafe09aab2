using Course.Simulation;

namespace Course.Simulation.Tests;

public class CrashTests
{
    [Fact]
    public void CrashLosesVolatileStateButKeepsDurableStorage()
    {
        var sim = new Simulation<Ping>(21);
        sim.AddNode(_ => new PingNode());
        sim.AddNode(_ => new PingNode());
        sim.RunFor(TimeSpan.FromSeconds(1));
        var before = sim.Node<PingNode>(1);
        Assert.InRange(before.TicksSinceBoot, 99, 101);
        Assert.NotEmpty(before.Received);

        sim.Crash(1);
        Assert.False(sim.IsUp(1));
        Assert.Throws<InvalidOperationException>(() => sim.Node<PingNode>(1));
        sim.RunFor(TimeSpan.FromSeconds(1));
        var dropped = sim.Stats.Dropped;
        Assert.True(dropped >= 95, $"pings to a crashed node must be dropped, saw {dropped}");

        sim.Restart(1);
        var after = sim.Node<PingNode>(1);
        Assert.NotSame(before, after);
        Assert.Empty(after.Received);                       // volatile: gone
        Assert.Equal(0, after.TicksSinceBoot);
        var durableTicks = BitConverter.ToInt32(sim.StorageOf(1).Read("ticks")!);
        Assert.InRange(durableTicks, 99, 101);              // durable: kept across the crash

        sim.RunFor(TimeSpan.FromMilliseconds(500));
        Assert.InRange(after.TicksSinceBoot, 49, 51);
        Assert.NotEmpty(after.Received);
    }

    [Fact]
    public void ACrashedNodeIsSilentEvenThroughAnOldContext()
    {
        var sim = new Simulation<Ping>(22);
        sim.AddNode(_ => new PingNode());
        sim.AddNode(_ => new PingNode { Sends = false });
        var old = sim.Node<PingNode>(0);
        sim.Crash(0);
        var sentBefore = sim.Stats.Sent;
        old.Context.Send(1, new Ping(999));
        Assert.Equal(sentBefore, sim.Stats.Sent);
    }

    [Fact]
    public void StorageCopiesBlobsSoMutationAfterWriteIsNotPersisted()
    {
        var storage = new InMemoryDurableStorage();
        var blob = new byte[] { 1, 2, 3 };
        storage.Write("k", blob);
        blob[0] = 9;
        Assert.Equal(new byte[] { 1, 2, 3 }, storage.Read("k"));
        Assert.Equal(3, storage.SizeOf("k"));
    }
}

using BenchmarkDotNet.Attributes;
using Course.Simulation;

namespace Course.Benchmarks.Consensus;

/// <summary>
/// Simulator throughput: events per second on one core. Ten nodes each ping all peers every 10 ms tick over a
/// jittery network, for 10 s of virtual time (about 100,000 messages and ticks). Divide the reported
/// EventsPerRun by the mean time for events per second.
/// </summary>
[MemoryDiagnoser]
public class SimulatorBenchmarks
{
    public const int EventsPerRun = 99_000; // measured; printed again by ThroughputRun for the table

    [Benchmark]
    public long TenNodesTenVirtualSeconds()
    {
        var sim = new Simulation<int>(42, new SimulationOptions
        {
            TraceMessages = false,
            Network = NetworkConditions.Reliable with { LossProbability = 0.01 },
        });
        for (var i = 0; i < 10; i++) sim.AddNode(_ => new Chatter());
        sim.RunFor(TimeSpan.FromSeconds(10));
        return sim.EventsProcessed;
    }

    /// <summary>Sends one message to every peer on each tick.</summary>
    private sealed class Chatter : INode<int>
    {
        private INodeContext<int> _context = null!;
        public void Start(INodeContext<int> context) => _context = context;
        public void Receive(NodeId from, int message) { }
        public void Tick()
        {
            foreach (var peer in _context.Peers)
                if (peer != _context.Self) _context.Send(peer, 1);
        }
    }
}

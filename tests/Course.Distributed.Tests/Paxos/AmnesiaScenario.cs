using Course.Distributed.Paxos;
using Course.Simulation;

namespace Course.Distributed.Tests.Paxos;

/// <summary>
/// A run aimed at the window where a forgotten promise matters: three proposers start together on a slow,
/// jittery network, so their phase 1 and phase 2 messages interleave, while acceptors crash and restart at
/// once ("bounce") now and then. A correct acceptor survives this; one that keeps its promise in memory
/// only lets two ballots both reach a majority.
/// </summary>
internal static class AmnesiaScenario
{
    public static SingleDecreeScenario.Outcome Run(int seed, PaxosOptions options)
    {
        var random = new Random(DeterministicRandom.DeriveSeed(seed, 0xA3E5));
        var cluster = new PaxosCluster(3, seed, options, new SimulationOptions
        {
            TraceMessages = false,
            TraceCapacity = 5_000,
            Network = NetworkConditions.Reliable with { Latency = Latency.Uniform(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(30)) },
        });
        foreach (var node in cluster.Nodes) cluster.Propose(node, $"v{node.Value}");
        for (var step = 0; step < 100; step++)
        {
            if (random.NextDouble() < 0.1)
            {
                var victim = cluster.Nodes[random.Next(cluster.Size)];
                cluster.Crash(victim);
                cluster.Restart(victim);
            }
            cluster.RunFor(TimeSpan.FromMilliseconds(2));
        }
        var live = cluster.RunUntil(() => cluster.AllLiveLearned, SingleDecreeScenario.LivenessBudget);
        cluster.RunFor(TimeSpan.FromMilliseconds(200));
        return new SingleDecreeScenario.Outcome(seed, cluster, cluster.SafetyViolations(), live);
    }
}

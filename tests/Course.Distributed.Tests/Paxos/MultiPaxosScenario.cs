using Course.Distributed.Paxos;
using Course.Simulation;

namespace Course.Distributed.Tests.Paxos;

/// <summary>
/// One seeded run of Multi-Paxos under random faults: 3 or 5 nodes, 20 commands submitted at random nodes,
/// 1.5 s of bad weather, crashes (at least three of the leader), restarts and partitions; then calm; clients retry
/// what is still missing until every live node has applied everything.
/// </summary>
internal static class MultiPaxosScenario
{
    public static readonly TimeSpan LivenessBudget = TimeSpan.FromSeconds(6);

    public sealed record Outcome(int Seed, MultiPaxosCluster Cluster, IReadOnlyList<string> Violations, bool Live, int LeaderCrashes)
    {
        public string Describe() =>
            $"seed {Seed}: {string.Join("; ", Violations)}{(Live ? "" : "; the live nodes did not all apply every command after the faults stopped")}\n"
            + string.Join("\n", Cluster.Nodes.Select(n => $"{n}: {string.Join(", ", Cluster.LogOf(n))}")) + "\n"
            + Cluster.Simulation.Trace.Tail(40);
    }

    private const int Commands = 20;

    public static Outcome Run(int seed)
    {
        var random = new Random(DeterministicRandom.DeriveSeed(seed, 0x3417));
        var size = random.Next(2) == 0 ? 3 : 5;
        var cluster = new MultiPaxosCluster(size, seed, simulationOptions: new SimulationOptions
        {
            TraceMessages = false,
            TraceCapacity = 20_000,
            Network = RandomFaults<MultiPaxosMessage, MultiPaxosNode>.Weather(random),
        });
        var faults = new RandomFaults<MultiPaxosMessage, MultiPaxosNode>(cluster, random);
        var leaderCrashes = 0;
        NodeId Victim()
        {
            if (cluster.Leader is { } leader && random.Next(2) == 0) { leaderCrashes++; return leader; }
            return cluster.Nodes[random.Next(cluster.Size)];
        }

        var next = 0;
        var leaderCrashesDue = 0;
        for (var step = 0; step < 150; step++)
        {
            if (next < Commands && random.NextDouble() < 0.2 && SubmitAnywhere(cluster, random, $"c{next}")) next++;
            if (random.NextDouble() < 0.1) faults.Strike(Victim);
            if (step is 30 or 70 or 110) leaderCrashesDue++;
            if (leaderCrashesDue > 0 && cluster.Leader is { } leader)
            {
                leaderCrashesDue--;
                leaderCrashes++;
                cluster.Crash(leader);                                     // the leader dies mid-stream ...
                cluster.Simulation.Schedule(TimeSpan.FromMilliseconds(random.Next(50, 300)), () => cluster.Restart(leader)); // ... and comes back
            }
            cluster.RunFor(TimeSpan.FromMilliseconds(10));
        }

        faults.Calm();
        while (next < Commands) cluster.Submit(cluster.Nodes[random.Next(size)], $"c{next++}");
        var end = cluster.Now + LivenessBudget;
        var live = false;
        while (!live && cluster.Now < end)
        {
            live = cluster.RunUntil(() => Done(cluster), TimeSpan.FromMilliseconds(500));
            if (live) break;
            // A client whose request went to a node that crashed times out and submits it again, anywhere.
            foreach (var missing in cluster.Submitted.Where(c => cluster.Nodes.Any(n => !cluster.NodeOrNull(n)!.HasApplied(c))).ToArray())
                cluster.Submit(cluster.Nodes[random.Next(size)], missing);
        }
        cluster.RunFor(TimeSpan.FromMilliseconds(200));
        return new Outcome(seed, cluster, cluster.SafetyViolations(), live, leaderCrashes);
    }

    /// <summary>A client tries random nodes until one is up (a request to a crashed node is simply lost).</summary>
    private static bool SubmitAnywhere(MultiPaxosCluster cluster, Random random, string command) =>
        cluster.Nodes.OrderBy(_ => random.Next()).Any(n => cluster.Submit(n, command));

    /// <summary>Every node is up, has applied every submitted command, and all logs are the same length.</summary>
    private static bool Done(MultiPaxosCluster cluster) =>
        cluster.Nodes.Select(n => cluster.NodeOrNull(n)!.Log.Count).Distinct().Count() == 1
        && cluster.AllLiveApplied(cluster.Submitted);
}

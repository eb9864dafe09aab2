using Course.Simulation;

namespace Course.Distributed.Paxos;

/// <summary>
/// One seeded run of single-decree Paxos under random faults: 3 or 5 nodes, two or three competing proposers
/// with different values, ~0.6 s of faults, then calm. Short on purpose so a thousand seeds take seconds.
/// </summary>
public static class SingleDecreeScenario
{
    public static readonly TimeSpan LivenessBudget = TimeSpan.FromSeconds(3);

    public sealed record Outcome(int Seed, PaxosCluster Cluster, IReadOnlyList<string> Violations, bool Live)
    {
        public string Describe() =>
            $"seed {Seed}: {string.Join("; ", Violations)}{(Live ? "" : "; not every live learner learned after the faults stopped")}\n"
            + Cluster.Simulation.Trace.Tail(30);
    }

    public static Outcome Run(int seed, PaxosOptions? options = null)
    {
        var random = new Random(DeterministicRandom.DeriveSeed(seed, 0x9A05));
        var size = random.Next(2) == 0 ? 3 : 5;
        var cluster = new PaxosCluster(size, seed, options, new SimulationOptions
        {
            TraceMessages = false,
            TraceCapacity = 5_000,
            Network = RandomFaults<PaxosMessage, PaxosNode>.Weather(random),
        });
        var faults = new RandomFaults<PaxosMessage, PaxosNode>(cluster, random);

        var proposers = cluster.Nodes.OrderBy(_ => random.Next()).Take(2 + random.Next(2)).ToArray();
        var proposeAt = proposers.ToDictionary(p => p, _ => random.Next(0, 30)); // in 10 ms steps
        for (var step = 0; step < 60; step++)
        {
            foreach (var (p, at) in proposeAt.ToArray())
                if (at == step && !cluster.Propose(p, $"v{p.Value}"))
                    proposeAt[p] = step + 1; // the node was down: the client tries again a bit later
            if (random.NextDouble() < 0.15) faults.Strike();
            cluster.RunFor(TimeSpan.FromMilliseconds(10));
        }

        faults.Calm();
        foreach (var p in proposers.Where(p => cluster.NodeOrNull(p)!.ProposedValue is null))
            cluster.Propose(p, $"v{p.Value}"); // clients whose node crashed before persisting the request retry
        var live = cluster.RunUntil(() => cluster.AllLiveLearned, LivenessBudget);
        cluster.RunFor(TimeSpan.FromMilliseconds(200)); // let stragglers arrive: late learners must agree too
        return new Outcome(seed, cluster, cluster.SafetyViolations(), live);
    }
}

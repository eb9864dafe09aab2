using Course.Simulation;

namespace Course.Distributed.Transactions.TwoPhaseCommit;

public static partial class TwoPhaseCommitScenarios
{
    /// <summary>How long recovery may take once the faults stop (virtual time).</summary>
    public static readonly TimeSpan SettleBudget = TimeSpan.FromSeconds(10);

    /// <summary>
    /// One seeded run: 2–4 participants, a lossy network, 4–9 random transfers (some refused for lack of
    /// funds or for locks) over 0.6 s, a crash at the enumerated step <c>CrashPoints.All[(seed - 1) % 11]</c>
    /// of a random (or the first) transaction with a random restart delay, plus random crashes, partitions
    /// and weather for 1 s. Then the faults stop — links healed, every node restarted, a calm network — and
    /// the run must settle (every participant decided, no lock held) and pass the atomicity check.
    /// </summary>
    public static ChaosRun Chaos(int seed, TwoPhaseCommitOptions? options = null)
    {
        var random = new Random(DeterministicRandom.DeriveSeed(seed, 0x2FC));
        var cluster = new TwoPhaseCommitCluster(2 + random.Next(3), seed, accountsPerParticipant: 3, initialBalance: 100, options,
            new SimulationOptions { TraceMessages = false, TraceCapacity = 5_000, Network = Weather(random) });
        var participants = cluster.Participants;
        var accounts = cluster.Accounts.Keys.ToArray();

        var point = CrashPoints.All[(int)((uint)(seed - 1) % (uint)CrashPoints.All.Count)];
        var transfers = 4 + random.Next(6);
        var victim = point.IsCoordinatorStep() ? cluster.Coordinator : participants[random.Next(participants.Count)];
        TransactionId? target = random.Next(2) == 0 ? null : new TransactionId(1 + random.Next(transfers));
        cluster.CrashAt(point, victim, target, TimeSpan.FromMilliseconds(random.Next(0, 1500)));

        var submitAt = Enumerable.Range(0, transfers).Select(_ => random.Next(60)).Order().ToArray(); // 10 ms steps
        var next = 0;
        for (var step = 0; step < 100; step++)
        {
            while (next < transfers && submitAt[next] == step)
            {
                var from = accounts[random.Next(accounts.Length)];
                var to = accounts.Where(a => a != from).ElementAt(random.Next(accounts.Length - 1));
                cluster.Transfer(from, to, 1 + random.Next(60));
                next++;
            }
            var dice = random.NextDouble();
            if (dice < 0.02) cluster.CrashFor(cluster.Nodes[random.Next(cluster.Nodes.Count)], TimeSpan.FromMilliseconds(50 + random.Next(750)));
            else if (dice < 0.03)
            {
                var shuffled = cluster.Nodes.OrderBy(_ => random.Next()).ToArray();
                var cut = random.Next(1, shuffled.Length);
                cluster.Partition(shuffled[..cut], shuffled[cut..]);
            }
            else if (dice < 0.04) cluster.Heal();
            else if (dice < 0.05) cluster.Network = Weather(random);
            cluster.RunFor(TimeSpan.FromMilliseconds(10));
        }

        // The faults stop. Pending restarts are brought forward: recovery must finish in bounded time.
        cluster.Heal();
        cluster.Network = NetworkConditions.Reliable;
        foreach (var n in cluster.Nodes) cluster.Restart(n);
        var calmFrom = cluster.Now;
        var settled = cluster.RunUntilSettled(SettleBudget);
        var settledAfter = cluster.Now - calmFrom;
        cluster.RunFor(TimeSpan.FromMilliseconds(300)); // stragglers (late duplicates) must not change anything
        var violations = cluster.AtomicityViolations(requireComplete: settled).ToList();
        if (settled && !cluster.IsSettled) violations.Add("unsettled again after late messages");
        var reached = cluster.Crashes.Any(c => c.Point == point);
        return new ChaosRun(seed, point, reached, cluster, settled, settledAfter, violations);
    }

    /// <summary>A random lossy network: up to 20% loss, some duplicates, a few very late messages.</summary>
    private static NetworkConditions Weather(Random random) => new()
    {
        Latency = Latency.Uniform(TimeSpan.Zero, TimeSpan.FromMilliseconds(2 + random.Next(20))),
        LossProbability = random.NextDouble() * 0.2,
        DuplicationProbability = random.NextDouble() * 0.1,
        LongDelayProbability = random.NextDouble() * 0.05,
        LongDelay = TimeSpan.FromMilliseconds(50 + random.Next(500)),
    };
}

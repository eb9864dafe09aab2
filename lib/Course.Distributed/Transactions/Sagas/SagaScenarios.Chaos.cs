using Course.Simulation;

namespace Course.Distributed.Transactions.Sagas;

public static partial class SagaScenarios
{
    private static readonly string[] Destinations = ["Lisbon", "Oslo", "Kyoto", "Atlantis"];

    /// <summary>
    /// One seeded run: 3–8 random orders (some unaffordable, some beyond the stock, some to the refused
    /// destination) over 0.6 s, on a network that loses, duplicates and reorders; transient failures in every
    /// service; a crash at the enumerated point <c>SagaCrashPoint.All(style)[(seed - 1) % count]</c> with a random
    /// restart delay; random crashes and isolations for 1 s; an orchestrator step timeout of 0.3–2 s. Then the faults stop — links healed, every service
    /// restarted, no more loss (duplicates and reordering go on) — and the run must settle and pass the audit.
    /// </summary>
    public static SagaRun Chaos(SagaStyle style, int seed)
    {
        var random = new Random(DeterministicRandom.DeriveSeed(seed, 0x5A6A, (int)style));
        var options = new SagaOptions
        {
            TransientFailureProbability = random.NextDouble() * 0.3,
            // Sometimes shorter than a crash: the orchestrator then gives up on steps that may have run.
            StepTimeout = TimeSpan.FromMilliseconds(300 + random.Next(1700)),
        };
        var cluster = new SagaCluster(style, seed, options: options,
            simulationOptions: new SimulationOptions { TraceMessages = false, TraceCapacity = 5_000, Network = Weather(random) });
        var points = SagaCrashPoint.All(style);
        var point = points[(int)((uint)(seed - 1) % (uint)points.Count)];
        cluster.CrashAt(point, TimeSpan.FromMilliseconds(random.Next(0, 1500)));

        var customers = cluster.Shop.Balances.Keys.ToArray();
        var items = cluster.Shop.Stock.Keys.ToArray();
        var orders = 3 + random.Next(6);
        var placeAt = Enumerable.Range(0, orders).Select(_ => random.Next(60)).Order().ToArray(); // 10 ms steps
        var next = 0;
        for (var step = 0; step < 100; step++)
        {
            while (next < orders && placeAt[next] == step)
            {
                cluster.PlaceOrder(customers[random.Next(customers.Length)], 10 + random.Next(200), items[random.Next(items.Length)],
                    1 + random.Next(3), Destinations[random.Next(Destinations.Length)]);
                next++;
            }
            var dice = random.NextDouble();
            var victim = cluster.Services[random.Next(cluster.Services.Count)];
            if (dice < 0.02) cluster.CrashFor(victim, TimeSpan.FromMilliseconds(50 + random.Next(750)));
            else if (dice < 0.03) cluster.Isolate(victim);
            else if (dice < 0.04) cluster.Heal();
            else if (dice < 0.05) cluster.Network = Weather(random);
            cluster.RunFor(TimeSpan.FromMilliseconds(10));
        }

        cluster.Heal();
        cluster.Network = cluster.Network with { LossProbability = 0 };
        foreach (var service in cluster.Services) cluster.Restart(service);
        return Finish(cluster, point);
    }

    /// <summary>A random unreliable network: up to 20% loss, up to 30% duplicates, some messages very late (reordered).</summary>
    private static NetworkConditions Weather(Random random) => new()
    {
        Latency = Latency.Uniform(TimeSpan.Zero, TimeSpan.FromMilliseconds(2 + random.Next(25))),
        LossProbability = random.NextDouble() * 0.2,
        DuplicationProbability = random.NextDouble() * 0.3,
        LongDelayProbability = random.NextDouble() * 0.1,
        LongDelay = TimeSpan.FromMilliseconds(50 + random.Next(500)),
    };
}

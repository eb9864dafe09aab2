using Course.LoadBalancing.ECommerce;
using Course.LoadBalancing.Policies;
using Course.Simulation.Exercises;

namespace Course.LoadBalancing.Exercises;

/// <summary>
/// Week 4's exercise: write a load-aware pick — power of two choices (Mitzenmacher 2001) is the intended answer,
/// least connections also passes. The checker runs the contract (empty pool, members only, seeded randomness),
/// the property that makes it load-aware (never the single busiest backend), balls into bins, and the tail on the
/// simulated shop against random. Verdict rows carry the first failing seed.
/// </summary>
public static class BalancingPolicyExercise
{
    public static IReadOnlyList<string> ScenarioNames { get; } =
        ["EmptyPoolGivesNull", "PicksAHealthyBackend", "SameSeedSamePicks", "NeverTheBusiest", "BallsIntoBins", "ShortTailOnTheShop"];

    /// <summary>The reference solution: two distinct random candidates, the one with fewer requests in flight.</summary>
    public static BackendState? Reference(IReadOnlyList<BackendState> healthy, RequestContext context)
    {
        if (healthy.Count == 0) return null;
        if (healthy.Count == 1) return healthy[0];
        var i = context.Random.Next(healthy.Count);
        var j = context.Random.Next(healthy.Count - 1);
        if (j >= i) j++;
        return healthy[j].InFlight < healthy[i].InFlight ? healthy[j] : healthy[i];
    }

    public static IReadOnlyList<ScenarioVerdict> Check(Func<IReadOnlyList<BackendState>, RequestContext, BackendState?> pick, int seeds = 3)
    {
        ArgumentNullException.ThrowIfNull(pick);
        int SeedsOf(string name) => name == "ShortTailOnTheShop" ? Math.Min(seeds, 1) : seeds;   // one simulated minute is enough and keeps the cell fast
        return ScenarioNames.Select(name => ExerciseChecker.RunScenario(name, SeedsOf(name), seed => Scenario(name, pick, seed), subject: "your pick")).ToArray();
    }

    private static string? Scenario(string name, Func<IReadOnlyList<BackendState>, RequestContext, BackendState?> pick, int seed)
    {
        var random = new Random(seed);
        RequestContext Ctx() => new(TimeSpan.Zero, random);
        switch (name)
        {
            case "EmptyPoolGivesNull":
                return pick([], Ctx()) is { } b ? $"an empty pool must give null (the caller answers 503), got {b.Id}" : null;

            case "PicksAHealthyBackend":
                for (var round = 0; round < 300; round++)
                {
                    var pool = RandomPool(random);
                    if (pick(pool, Ctx()) is not { } chosen || !pool.Contains(chosen))
                        return $"round {round}: the pick was not one of the {pool.Count} backends passed in";
                }
                return null;

            case "SameSeedSamePicks":
                string Picks()
                {
                    var pool = BackendState.Pool("a", "b", "c", "d", "e");
                    var r = new Random(seed);
                    return string.Concat(Enumerable.Range(0, 200).Select(_ => { var c = pick(pool, new(TimeSpan.Zero, r))!; c.RequestStarted(TimeSpan.Zero); return c.Id; }));
                }
                return Picks() == Picks() ? null : "two runs with the same seed picked differently: use context.Random, not Random.Shared or new Random()";

            case "NeverTheBusiest":
                for (var round = 0; round < 300; round++)
                {
                    var pool = RandomPool(random, min: 2);
                    var busiest = pool.MaxBy(b => b.InFlight)!;
                    if (pool.Count(b => b.InFlight == busiest.InFlight) > 1) continue;   // only a unique maximum is a clear verdict
                    if (ReferenceEquals(pick(pool, Ctx()), busiest))
                        return $"round {round}: picked {busiest.Id} with {busiest.InFlight} in flight, the single busiest of [{string.Join(", ", pool.Select(b => b.InFlight))}]";
                }
                return null;

            case "BallsIntoBins":
                {
                    var pool = BackendState.Pool(Enumerable.Range(0, 1000).Select(i => $"b{i}").ToArray());
                    for (var ball = 0; ball < 1000; ball++) pick(pool, Ctx())!.RequestStarted(TimeSpan.Zero);
                    var max = pool.Max(b => b.InFlight);
                    return max <= 4 ? null : $"1000 requests on 1000 backends: the busiest got {max} (random gets ~6, two choices ~3; want ≤ 4)";
                }

            default: // ShortTailOnTheShop
                {
                    var shop = ECommerceScenario.Default();
                    var yours = ECommerceSimulation.Run(shop, () => new DelegatePolicy("yours", pick), seed);
                    var baseline = ECommerceSimulation.Run(shop, () => new RandomChoice(), seed);
                    var (p99, random99) = (yours.Percentile(0.99), baseline.Percentile(0.99));
                    return p99 < random99 / 2 ? null : $"p99 on the simulated shop {p99:F0} ms, random's {random99:F0} ms: want under half";
                }
        }
    }

    private static IReadOnlyList<BackendState> RandomPool(Random random, int min = 1)
    {
        var pool = BackendState.Pool(Enumerable.Range(0, random.Next(min, 10)).Select(i => $"b{i}").ToArray());
        foreach (var b in pool)
            for (var k = random.Next(8); k > 0; k--) b.RequestStarted(TimeSpan.Zero);
        return pool;
    }
}

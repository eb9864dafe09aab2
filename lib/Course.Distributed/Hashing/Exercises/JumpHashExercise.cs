using Course.Simulation.Exercises;

namespace Course.Distributed.Hashing.Exercises;

/// <summary>
/// Week 3's exercise: write jump consistent hash (Lamping &amp; Veach 2014, "A Fast, Minimal Memory, Consistent Hash
/// Algorithm", Figure 1) from the paper's description. The checker compares it with the reference on many keys and
/// checks the two properties that make it consistent: balance, and minimal movement (adding a bucket moves only
/// about 1/(n+1) of the keys, all of them to the new bucket).
/// </summary>
public static class JumpHashExercise
{
    public static IReadOnlyList<string> ScenarioNames { get; } = ["ValidRange", "MatchesReference", "Balance", "MinimalMovement"];

    public static IReadOnlyList<ScenarioVerdict> Check(Func<ulong, int, int> jumpHash, int seeds = 3)
    {
        ArgumentNullException.ThrowIfNull(jumpHash);
        return ExerciseChecker.Run(ScenarioNames, seeds, (name, seed) => Scenario(name, jumpHash, seed), subject: "your function");
    }

    private static string? Scenario(string name, Func<ulong, int, int> f, int seed)
    {
        var random = new Random(seed);
        var keys = Enumerable.Range(0, 20_000).Select(_ => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40)).ToArray();
        var buckets = 5 + random.Next(60);
        switch (name)
        {
            case "ValidRange":
                foreach (var k in keys.Take(2000))
                    foreach (var n in new[] { 1, 2, buckets })
                        if (f(k, n) is var b && (b < 0 || b >= n)) return $"key {k}, {n} buckets: got bucket {b}, outside 0..{n - 1}";
                return null;
            case "MatchesReference":
                foreach (var k in keys)
                    if (f(k, buckets) != JumpConsistentHash.Bucket(k, buckets))
                        return $"key {k}, {buckets} buckets: got {f(k, buckets)}, the reference says {JumpConsistentHash.Bucket(k, buckets)}";
                return null;
            case "Balance":
                var counts = new int[buckets];
                foreach (var k in keys) counts[f(k, buckets)]++;
                var maxOverMean = counts.Max() / (keys.Length / (double)buckets);
                return maxOverMean <= 1.35 ? null : $"{buckets} buckets: the fullest holds {maxOverMean:F2}× the mean (want ≤ 1.35)";
            default: // MinimalMovement
                var moved = 0;
                foreach (var k in keys)
                {
                    var before = f(k, buckets);
                    var after = f(k, buckets + 1);
                    if (before == after) continue;
                    if (after != buckets) return $"key {k} moved from bucket {before} to {after} when bucket {buckets} was added: keys may only move to the new bucket";
                    moved++;
                }
                var fraction = moved / (double)keys.Length;
                var ideal = 1.0 / (buckets + 1);
                return Math.Abs(fraction - ideal) <= ideal * 0.25 ? null : $"adding bucket {buckets} moved {fraction:P1} of the keys; ideal {ideal:P1}";
        }
    }
}

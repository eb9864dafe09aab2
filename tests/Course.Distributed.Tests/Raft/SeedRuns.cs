namespace Course.Distributed.Tests.Raft;

/// <summary>
/// How many seeds a randomised scenario runs over: 20 by default (CI), more with COURSE_SEEDS=N for a
/// nightly-style long run. Seeds are fixed (1..N) so any failure replays exactly.
/// </summary>
public static class SeedRuns
{
    public static int Count(int @default = 20) =>
        int.TryParse(Environment.GetEnvironmentVariable("COURSE_SEEDS"), out var n) && n > 0 ? n : @default;

    /// <summary>Runs <paramref name="run"/> for every seed; fails listing every failing seed and the first failure in full.</summary>
    public static void ForEachSeed(string name, Action<int> run, int? seeds = null)
    {
        var count = seeds ?? Count();
        var failures = new List<(int Seed, Exception Error)>();
        for (var seed = 1; seed <= count; seed++)
        {
            try { run(seed); }
            catch (Exception e) { failures.Add((seed, e)); }
        }
        if (failures.Count > 0)
            Assert.Fail($"{name}: {failures.Count}/{count} seeds failed: [{string.Join(", ", failures.Select(f => f.Seed))}]\n" +
                        $"First failure (seed {failures[0].Seed}):\n{failures[0].Error}");
    }
}

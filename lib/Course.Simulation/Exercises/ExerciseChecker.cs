namespace Course.Simulation.Exercises;

/// <summary>
/// The loop every exercise checker runs: for each scenario, seeds 1..n until the first failure. A scenario's check
/// returns null when the learner's code was right on that seed, or what went wrong; an exception it lets out
/// becomes the failure "threw <i>Type</i>: <i>message</i>" (led by <c>subject</c>, e.g. "your pick threw …"),
/// so a learner's bug is a red row in the notebook, not a crashed cell.
/// </summary>
public static class ExerciseChecker
{
    /// <summary>Each of <paramref name="scenarios"/> over seeds 1..<paramref name="seeds"/>, stopping at its first failure.</summary>
    /// <param name="failureOf">Scenario name and seed → null if right, else what went wrong.</param>
    /// <param name="subject">What the learner wrote, as a thrown exception's failure names it ("your function"); null for none.</param>
    public static IReadOnlyList<ScenarioVerdict> Run(IEnumerable<string> scenarios, int seeds, Func<string, int, string?> failureOf, string? subject = null)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(failureOf);
        RequireSeeds(seeds);
        return scenarios.Select(name => RunScenario(name, seeds, seed => failureOf(name, seed), subject)).ToArray();
    }

    /// <summary>One scenario over seeds 1..<paramref name="seeds"/> (for checkers whose scenarios run different numbers of seeds).</summary>
    public static ScenarioVerdict RunScenario(string scenario, int seeds, Func<int, string?> failureOf, string? subject = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(failureOf);
        RequireSeeds(seeds);
        for (var seed = 1; seed <= seeds; seed++)
        {
            string? failure;
            try { failure = failureOf(seed); }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failure = $"{(subject is null ? "" : subject + " ")}threw {e.GetType().Name}: {e.Message}";
            }
            if (failure is not null) return new ScenarioVerdict(scenario, false, seed, seed, failure);
        }
        return new ScenarioVerdict(scenario, true, seeds, null, null);
    }

    private static void RequireSeeds(int seeds)
    {
        if (seeds < 1) throw new ArgumentOutOfRangeException(nameof(seeds), seeds, "Run at least one seed.");
    }
}

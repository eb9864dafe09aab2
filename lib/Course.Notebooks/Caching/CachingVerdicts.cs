using Course.Caching.Exercises;
using Course.Notebooks.Distributed;
using Course.Simulation.Exercises;

namespace Course.Notebooks.Caching;

/// <summary>The caching exercise's verdicts in the course's one pass/fail table format.</summary>
public static class CachingVerdicts
{
    public static Table ToTable(this IEnumerable<CheckVerdict> verdicts, string caption = "Checker") =>
        verdicts.Select(v => new ScenarioVerdict(v.Scenario, v.Passed, v.SeedsRun, v.FirstFailingSeed, v.Failure)).ToTable(caption);
}

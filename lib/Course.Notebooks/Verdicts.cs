using Course.Simulation.Exercises;

namespace Course.Notebooks;

/// <summary>Exercise checker results as the pass/fail table a learner reads: one format for every week's checker.</summary>
public static class Verdicts
{
    public static Table ToTable(this IEnumerable<ScenarioVerdict> verdicts, string caption = "Checker")
    {
        var table = new Table(caption, "scenario", "result", "seeds", "first failing seed", "what went wrong");
        foreach (var v in verdicts)
            table.Add(v.Scenario, v.Passed ? "✔ pass" : "✘ FAIL", v.SeedsRun, v.FirstFailingSeed?.ToString() ?? "", v.Failure ?? "");
        return table;
    }
}

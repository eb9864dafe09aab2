using Course.Caching.Stores.Demos;
using Course.Caching.Stores.Exercises;

namespace Course.Notebooks.Stores;

/// <summary>Tables for the write-strategies notebook.</summary>
public static class StoreTables
{
    /// <summary>Exercise checker results as the pass/fail table a learner reads.</summary>
    public static Table ToTable(this IEnumerable<ExerciseVerdict> verdicts, string caption = "Checker")
    {
        var table = new Table(caption, "scenario", "result", "what went wrong");
        foreach (var v in verdicts) table.Add(v.Scenario, v.Passed ? "✔ pass" : "✘ FAIL", v.Failure ?? "");
        return table;
    }

    /// <summary>A strategy's walkthrough: after each step, what the caller got and what each store holds.</summary>
    public static Table ToTable(this IReadOnlyList<WalkthroughStep> steps, string caption)
    {
        var table = new Table(caption, "step", "returned", "cache holds", "database holds", "DB reads", "DB writes");
        foreach (var s in steps) table.Add(s.Operation, s.Returned ?? "—", s.Cached ?? "(none)", s.InDatabase ?? "(none)", s.DatabaseReads, s.DatabaseWrites);
        return table;
    }
}

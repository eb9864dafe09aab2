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
}

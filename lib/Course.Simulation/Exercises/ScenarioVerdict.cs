namespace Course.Simulation.Exercises;

/// <summary>
/// One row of an exercise checker's verdict: the scenario passed on every seed run, or the first seed that failed
/// and why. Every week's checker returns these (see <see cref="ExerciseChecker"/>).
/// </summary>
public sealed record ScenarioVerdict(string Scenario, bool Passed, int SeedsRun, int? FirstFailingSeed, string? Failure)
{
    public override string ToString() =>
        Passed ? $"✔ {Scenario}: {SeedsRun} seeds" : $"✘ {Scenario}: seed {FirstFailingSeed} — {Failure}";
}

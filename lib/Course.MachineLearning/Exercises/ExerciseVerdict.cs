namespace Course.MachineLearning.Exercises;

/// <summary>One row of an exercise checker's verdict (the same shape as the other weeks' checkers).</summary>
public sealed record ExerciseVerdict(string Scenario, bool Passed, int SeedsRun, int? FirstFailingSeed, string? Failure)
{
    public override string ToString() =>
        Passed ? $"✔ {Scenario}: {SeedsRun} seeds" : $"✘ {Scenario}: seed {FirstFailingSeed} — {Failure}";

    /// <summary>Runs <paramref name="scenario"/> for seeds 1..n; the first exception (or false) fails it.</summary>
    internal static ExerciseVerdict Run(string name, int seeds, Func<int, string?> scenario)
    {
        for (var seed = 1; seed <= seeds; seed++)
        {
            string? failure;
            try { failure = scenario(seed); }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failure = $"{e.GetType().Name}: {e.Message.Split('\n')[0]}";
            }
            if (failure is not null) return new ExerciseVerdict(name, false, seed, seed, failure);
        }
        return new ExerciseVerdict(name, true, seeds, null, null);
    }
}

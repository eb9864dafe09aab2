using Course.Simulation.Exercises;

namespace Course.Simulation.Tests;

/// <summary>The loop every week's exercise checker runs.</summary>
public class ExerciseCheckerTests
{
    [Fact]
    public void EveryScenarioRunsEverySeedWhenNothingFails()
    {
        var calls = new List<(string, int)>();
        var verdicts = ExerciseChecker.Run(["a", "b"], 3, (name, seed) => { calls.Add((name, seed)); return null; });
        Assert.Equal([new ScenarioVerdict("a", true, 3, null, null), new ScenarioVerdict("b", true, 3, null, null)], verdicts);
        Assert.Equal([("a", 1), ("a", 2), ("a", 3), ("b", 1), ("b", 2), ("b", 3)], calls);
        Assert.Equal("✔ a: 3 seeds", verdicts[0].ToString());
    }

    [Fact]
    public void AScenarioStopsAtItsFirstFailingSeedAndTheNextStillRuns()
    {
        var calls = new List<(string, int)>();
        var verdicts = ExerciseChecker.Run(["a", "b"], 5, (name, seed) =>
        {
            calls.Add((name, seed));
            return name == "a" && seed == 2 ? "wrong on 2" : null;
        });
        Assert.Equal(new ScenarioVerdict("a", false, 2, 2, "wrong on 2"), verdicts[0]);
        Assert.True(verdicts[1].Passed);
        Assert.Equal([("a", 1), ("a", 2), ("b", 1), ("b", 2), ("b", 3), ("b", 4), ("b", 5)], calls);
        Assert.Equal("✘ a: seed 2 — wrong on 2", verdicts[0].ToString());
    }

    [Fact]
    public void AnExceptionIsAFailureNamingItsTypeAndMessage()
    {
        Assert.Equal("threw InvalidOperationException: boom",
            ExerciseChecker.Run(["a"], 2, (_, _) => throw new InvalidOperationException("boom")).Single().Failure);
        var verdict = ExerciseChecker.RunScenario("a", 2, _ => throw new NotImplementedException("todo"), subject: "your cache");
        Assert.Equal(new ScenarioVerdict("a", false, 1, 1, "your cache threw NotImplementedException: todo"), verdict);
    }

    [Fact]
    public void OutOfMemoryIsNotSwallowed() =>
        Assert.Throws<OutOfMemoryException>(() => ExerciseChecker.RunScenario("a", 1, _ => throw new OutOfMemoryException()));

    [Fact]
    public void BadInput()
    {
        Assert.Equal("seeds", Assert.Throws<ArgumentOutOfRangeException>(() => ExerciseChecker.Run(["a"], 0, (_, _) => null)).ParamName);
        Assert.Equal("seeds", Assert.Throws<ArgumentOutOfRangeException>(() => ExerciseChecker.RunScenario("a", -1, _ => null)).ParamName);
        Assert.Throws<ArgumentNullException>(() => ExerciseChecker.Run(null!, 1, (_, _) => null));
        Assert.Throws<ArgumentNullException>(() => ExerciseChecker.Run(["a"], 1, null!));
        Assert.Throws<ArgumentNullException>(() => ExerciseChecker.RunScenario(null!, 1, _ => null));
        Assert.Throws<ArgumentNullException>(() => ExerciseChecker.RunScenario("a", 1, null!));
    }
}

using Course.LoadBalancing.Exercises;
using Course.LoadBalancing.Policies;

namespace Course.LoadBalancing.Tests.Policies;

public class ExerciseTests
{
    [Fact]
    public void TheReferenceSolutionPassesEveryScenario() =>
        Assert.All(BalancingPolicyExercise.Check(BalancingPolicyExercise.Reference), v => Assert.True(v.Passed, $"{v.Scenario}: {v.Failure}"));

    [Fact]
    public void LeastConnectionsAlsoPasses() =>
        Assert.All(BalancingPolicyExercise.Check(new LeastConnections().Pick), v => Assert.True(v.Passed, $"{v.Scenario}: {v.Failure}"));

    // The notebook's starting point (uniform random) is correct but not load-aware: the checker must say so.
    [Fact]
    public void RandomFailsTheLoadAwareScenariosOnly()
    {
        var verdicts = BalancingPolicyExercise.Check((pool, ctx) => pool.Count == 0 ? null : pool[ctx.Random.Next(pool.Count)]);
        Assert.Equal(["NeverTheBusiest", "BallsIntoBins", "ShortTailOnTheShop"], verdicts.Where(v => !v.Passed).Select(v => v.Scenario));
    }

    [Fact]
    public void ASharedRandomFailsTheSeedScenarioAndAnExceptionIsAVerdictNotACrash()
    {
        var shared = BalancingPolicyExercise.Check((pool, _) => pool.Count == 0 ? null : pool[Random.Shared.Next(pool.Count)]);
        Assert.False(shared.Single(v => v.Scenario == "SameSeedSamePicks").Passed);
        var throwing = BalancingPolicyExercise.Check((_, _) => throw new InvalidOperationException("boom"));
        Assert.All(throwing, v => Assert.Contains("boom", v.Failure));
    }
}

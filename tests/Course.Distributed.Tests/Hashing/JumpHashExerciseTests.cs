using Course.Distributed.Hashing;
using Course.Distributed.Hashing.Exercises;

namespace Course.Distributed.Tests.Hashing;

/// <summary>The week-3 checker passes the reference and catches the usual mistakes.</summary>
public class JumpHashExerciseTests
{
    [Fact]
    public void TheReferencePasses()
    {
        var verdicts = JumpHashExercise.Check(JumpConsistentHash.Bucket);
        Assert.All(verdicts, v => Assert.True(v.Passed, v.ToString()));
    }

    [Fact]
    public void ModuloHashingIsBalancedButMovesAlmostEverything()
    {
        var verdicts = JumpHashExercise.Check((key, n) => (int)(key % (ulong)n));
        Assert.True(verdicts.Single(v => v.Scenario == "Balance").Passed);
        Assert.False(verdicts.Single(v => v.Scenario == "MinimalMovement").Passed);
        Assert.False(verdicts.Single(v => v.Scenario == "MatchesReference").Passed);
    }

    [Fact]
    public void AnOutOfRangeBucketIsReported()
    {
        var verdict = JumpHashExercise.Check((_, n) => n).Single(v => v.Scenario == "ValidRange");
        Assert.False(verdict.Passed);
        Assert.Contains("outside", verdict.Failure);
    }

    [Fact]
    public void AThrowingFunctionFailsWithItsMessage()
    {
        var verdicts = JumpHashExercise.Check((_, _) => throw new InvalidOperationException("not yet"));
        Assert.All(verdicts, v => Assert.Contains("not yet", v.Failure));
    }
}

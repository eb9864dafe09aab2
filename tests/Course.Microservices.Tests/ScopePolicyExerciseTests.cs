using Course.Microservices.Exercises;

namespace Course.Microservices.Tests;

public sealed class ScopePolicyExerciseTests
{
    [Fact]
    public void TheReferencePassesEveryCase() =>
        Assert.All(ScopePolicyExercise.Check(ScopePolicyExercise.Reference), v => Assert.True(v.Passed, $"{v.Scenario}: {v.Failure}"));

    [Fact]
    public void TheSubstringMistakeFailsExactlyTheCasesItShould()
    {
        // The classic bug: claim.Value.Contains(scope).
        var verdicts = ScopePolicyExercise.Check((user, scope) => user.FindAll("scope").Any(c => c.Value.Contains(scope, StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(["case matters", "longer scope is not a match", "prefixed scope is not a match"],
            verdicts.Where(v => !v.Passed).Select(v => v.Scenario).Order());
    }

    [Fact]
    public void AThrowingCandidateIsReportedNotCrashed()
    {
        var verdicts = ScopePolicyExercise.Check((_, _) => throw new InvalidOperationException("boom"));
        Assert.All(verdicts, v => Assert.Contains("InvalidOperationException: boom", v.Failure));
    }
}

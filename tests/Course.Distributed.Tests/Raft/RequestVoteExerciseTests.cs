using Course.Distributed.Raft;
using Course.Distributed.Raft.Exercises;

namespace Course.Distributed.Tests.Raft;

/// <summary>The exercise checker must pass the reference rule and catch each classic mistake.</summary>
public class RequestVoteExerciseTests
{
    [Fact]
    public void TheReferenceRulePassesEveryScenario()
    {
        var verdicts = RequestVoteExercise.Check(ReferenceVoteRule.Instance, seeds: 5);
        Assert.All(verdicts, v => Assert.True(v.Passed, v.ToString()));
        Assert.Equal(RequestVoteExercise.ScenarioNames, verdicts.Select(v => v.Scenario));
    }

    [Fact]
    public void ForgettingTheUpToDateCheckLosesCommittedEntries()
    {
        var verdicts = RequestVoteExercise.Check((request, voter) =>
            request.Term >= voter.CurrentTerm && (voter.VotedFor is null || voter.VotedFor == request.CandidateId), seeds: 10);
        Assert.Contains(verdicts, v => !v.Passed);
    }

    [Fact]
    public void VotingForEveryoneElectsTwoLeadersInATerm()
    {
        var verdicts = RequestVoteExercise.Check((request, voter) => request.Term >= voter.CurrentTerm, seeds: 10);
        Assert.Contains(verdicts, v => !v.Passed);
    }

    [Fact]
    public void NeverVotingElectsNobody()
    {
        var verdicts = RequestVoteExercise.Check((_, _) => false, seeds: 1);
        var initial = verdicts.Single(v => v.Scenario == "InitialElection");
        Assert.False(initial.Passed);
        Assert.Contains("expected one leader", initial.Failure);
    }
}

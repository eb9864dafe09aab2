using Course.Distributed.Transactions.TwoPhaseCommit;
using Xunit.Abstractions;

namespace Course.Distributed.Tests.TwoPhaseCommit;

/// <summary>2PC blocks when the coordinator fails at the wrong moment; the termination protocol helps exactly when someone knows.</summary>
public class BlockingTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1, 1000)]
    [InlineData(2, 3000)]
    [InlineData(3, 5000)]
    public void AllVotedYesThenTheCoordinatorCrashesEveryoneIsInDoubtWithLocksUntilItRestarts(int seed, int downtimeMs)
    {
        var downtime = TimeSpan.FromMilliseconds(downtimeMs);
        var run = TwoPhaseCommitScenarios.Blocking(seed, downtime);
        output.WriteLine(run.ToString());

        Assert.False(run.ResolvedWithoutCoordinator, $"seed {seed}: {run}");
        Assert.Equal(3, run.InDoubtWhileCoordinatorDown);
        Assert.All(run.WhileCoordinatorDown.Participants, p => Assert.True(p.HoldsLocks, $"seed {seed}: {p.Node} released its locks while in doubt"));
        var locked = run.Cluster.Simulation.Trace.Notes("in-doubt").Select(n => n.Node).Distinct().Count();
        Assert.Equal(3, locked);
        Assert.True(run.WhileCoordinatorDown.Messages["Uncertain"] > 0, $"seed {seed}: the peers were asked and could not help");

        Assert.Equal(TransactionOutcome.Committed, run.Final.Outcome);
        Assert.Empty(run.Violations);
        foreach (var p in run.Final.Participants)
        {
            // Locks are held for the whole downtime, and released soon after the coordinator is back.
            Assert.True(p.LockHeldFor >= downtime, $"seed {seed}: {p.Node} held its locks {p.LockHeldFor} < {downtime}");
            Assert.True(p.LocksReleasedAt! - run.CoordinatorRestartedAt < TimeSpan.FromMilliseconds(100), $"seed {seed}: {p}");
            Assert.True(p.DecidedAt >= run.CoordinatorRestartedAt, $"seed {seed}: {p.Node} decided while the coordinator was down");
        }
    }

    [Theory]
    [InlineData(TerminationCase.OneVotedNo, TransactionOutcome.Aborted)]
    [InlineData(TerminationCase.OneKnowsDecision, TransactionOutcome.Committed)]
    [InlineData(TerminationCase.OneNeverVoted, TransactionOutcome.Aborted)]
    public void CooperativeTerminationResolvesWhenSomeParticipantKnowsOrNeverVotedYes(TerminationCase @case, TransactionOutcome expected)
    {
        for (var seed = 1; seed <= 10; seed++)
        {
            var run = TwoPhaseCommitScenarios.CoordinatorCrash(@case, seed);
            output.WriteLine($"seed {seed}: {run}");
            Assert.True(run.ResolvedWithoutCoordinator, $"seed {seed}: {run}");
            Assert.Equal(expected, run.WhileCoordinatorDown.Outcome);
            Assert.All(run.WhileCoordinatorDown.Participants, p => Assert.False(p.HoldsLocks, $"seed {seed}: {p}"));
            Assert.True(run.WhileCoordinatorDown.LongestLockHold < TimeSpan.FromMilliseconds(600), $"seed {seed}: {run}");
            Assert.Equal(expected, run.Final.Outcome);
            Assert.Empty(run.Violations);
        }
        if (@case == TerminationCase.OneNeverVoted)
            Assert.Single(TwoPhaseCommitScenarios.CoordinatorCrash(@case, 1).Cluster.Simulation.Trace.Notes("unilateral-abort"));
    }

    [Theory]
    [InlineData(TerminationCase.OneVotedNo, TransactionOutcome.Aborted)]
    [InlineData(TerminationCase.OneKnowsDecision, TransactionOutcome.Committed)]
    [InlineData(TerminationCase.OneNeverVoted, TransactionOutcome.Aborted)]
    public void WithoutCooperativeTerminationTheSameCasesBlockUntilTheCoordinatorReturns(TerminationCase @case, TransactionOutcome expected)
    {
        var run = TwoPhaseCommitScenarios.CoordinatorCrash(@case, seed: 4, cooperativeTermination: false);
        Assert.False(run.ResolvedWithoutCoordinator, run.ToString());
        Assert.Equal(expected, run.Final.Outcome);
        Assert.True(run.Final.LongestLockHold >= TwoPhaseCommitScenarios.DefaultDowntime, run.ToString());
        Assert.Empty(run.Violations);
    }
}

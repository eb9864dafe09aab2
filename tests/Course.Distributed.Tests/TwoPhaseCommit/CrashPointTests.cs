using Course.Distributed.Transactions.TwoPhaseCommit;
using Course.Simulation;

namespace Course.Distributed.Tests.TwoPhaseCommit;

/// <summary>A crash at every protocol step, one at a time, with recovery: the outcome is atomic and the run settles.</summary>
public class CrashPointTests
{
    public static TheoryData<CrashPoint> Points => new(CrashPoints.All);

    [Theory]
    [MemberData(nameof(Points))]
    public void ACrashAtEveryStepRecoversAtomically(CrashPoint point)
    {
        for (var seed = 1; seed <= 10; seed++)
        {
            var cluster = new TwoPhaseCommitCluster(3, seed, options: new TwoPhaseCommitOptions { CooperativeTermination = seed % 2 == 0 });
            NodeId? victim = point.IsCoordinatorStep() ? cluster.Coordinator : new NodeId(1 + seed % 3);
            cluster.CrashAt(point, victim, restartAfter: TimeSpan.FromMilliseconds(50 * seed));
            var tx = cluster.Submit([new("n1/a", -30), new("n2/a", 10), new("n3/a", 20)]);
            Assert.True(cluster.RunUntilSettled(TimeSpan.FromSeconds(5)), $"seed {seed}, {point}: did not settle\n{cluster.Simulation.Trace.Tail()}");
            var crash = Assert.Single(cluster.Crashes);
            Assert.Equal(point, crash.Point);
            var violations = cluster.AtomicityViolations();
            Assert.True(violations.Count == 0, $"seed {seed}, {point}: {string.Join("; ", violations)}\n{cluster.Simulation.Trace.Tail()}");

            // A coordinator that crashes before its decision is on the log has aborted (presumed abort); once the
            // decision is forced — here after all-YES votes — recovery finishes it. A participant that crashes before
            // voting may come back in time to vote YES, or the coordinator's vote timeout aborts the transaction.
            TransactionOutcome? expected = point switch
            {
                CrashPoint.CoordinatorBeforePrepare or CrashPoint.CoordinatorAfterPrepare or CrashPoint.CoordinatorBeforeDecisionLogged => TransactionOutcome.Aborted,
                CrashPoint.ParticipantBeforePrepareLogged or CrashPoint.ParticipantAfterPrepareLogged => null,
                _ => TransactionOutcome.Committed,
            };
            var outcome = cluster.Report(tx).Outcome;
            Assert.True(outcome is not null && (expected is null || expected == outcome), $"seed {seed}, {point}: {cluster.Report(tx)}");
        }
    }

    [Fact]
    public void APreparedParticipantRecoversInDoubtTakesItsLocksAgainAndAsks()
    {
        var cluster = new TwoPhaseCommitCluster(2, seed: 5);
        cluster.CrashAt(CrashPoint.ParticipantAfterVote, node: 2);
        var tx = cluster.Transfer("n1/a", "n2/a", 25);
        cluster.RunFor(TimeSpan.FromMilliseconds(300));
        Assert.Equal(ParticipantState.InDoubt, cluster.Report(tx).Participants[1].State); // PREPARED on its log, no decision
        Assert.Equal(TransactionOutcome.Committed, cluster.Report(tx).CoordinatorDecision);

        cluster.Restart(2);
        var n2 = cluster.ParticipantOrNull(2)!;
        Assert.Equal([tx], n2.InDoubt);
        Assert.Equal(tx, n2.Locks.HolderOf("n2/a"));
        Assert.Contains(cluster.Simulation.Trace.Notes("recovered"), n => n.Node == new NodeId(2));
        Assert.True(cluster.RunUntilSettled(TimeSpan.FromSeconds(1)), "seed 5: did not settle");
        Assert.Equal(125, cluster.Balance("n2/a"));
        Assert.Empty(cluster.AtomicityViolations());
    }

    [Fact]
    public void PresumedAbortAnUndecidedTransactionLeavesNoCoordinatorRecordAndIsAnsweredAbort()
    {
        var cluster = new TwoPhaseCommitCluster(2, seed: 6, options: new TwoPhaseCommitOptions { CooperativeTermination = false });
        cluster.CrashAt(CrashPoint.CoordinatorAfterPrepare, restartAfter: TimeSpan.FromMilliseconds(500));
        var tx = cluster.Transfer("n1/a", "n2/a", 25);
        Assert.True(cluster.RunUntilSettled(TimeSpan.FromSeconds(2)), "seed 6: did not settle");
        Assert.Empty(cluster.LogRecords(cluster.Coordinator)); // nothing was ever logged for it ...
        var report = cluster.Report(tx);
        Assert.Null(report.CoordinatorDecision);
        Assert.Equal(TransactionOutcome.Aborted, report.Outcome); // ... and the participants were told ABORT
        Assert.All(report.Participants, p => Assert.Equal(ParticipantState.Aborted, p.State));
        Assert.Equal(100, cluster.Balance("n1/a"));
        Assert.Empty(cluster.AtomicityViolations());
    }

    [Fact]
    public void ACoordinatorThatMissesItsVotesAbortsAfterTheTimeout()
    {
        var cluster = new TwoPhaseCommitCluster(2, seed: 7);
        cluster.CrashFor(2, TimeSpan.FromSeconds(1)); // n2 never answers PREPARE in time
        var tx = cluster.Transfer("n1/a", "n2/a", 25);
        cluster.RunFor(TimeSpan.FromMilliseconds(400));
        Assert.Equal(TransactionOutcome.Aborted, cluster.Report(tx).CoordinatorDecision);
        Assert.Contains(cluster.Simulation.Trace.Notes("decision"), n => n.Detail.Contains("no vote from n2"));
        Assert.True(cluster.RunUntilSettled(TimeSpan.FromSeconds(2)), "seed 7: did not settle");
        Assert.All(cluster.Report(tx).Participants, p => Assert.Equal(ParticipantState.Aborted, p.State)); // n2 learned it after its restart
        Assert.Empty(cluster.AtomicityViolations());
    }
}

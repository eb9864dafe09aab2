using Course.Distributed.Transactions.TwoPhaseCommit;
using Course.Simulation;

namespace Course.Distributed.Tests.TwoPhaseCommit;

public class HappyPathTests
{
    [Fact]
    public void ATransferCommitsAtBothParticipantsWithFourMessagesEachAndTheClassicLogWrites()
    {
        var cluster = new TwoPhaseCommitCluster(2, seed: 1);
        var tx = cluster.Transfer("n1/a", "n2/b", 30);
        Assert.Null(cluster.Report(tx).Outcome); // phase 1 has just begun
        Assert.True(cluster.Report(tx).CollectingVotes);
        Assert.True(cluster.RunUntilSettled(TimeSpan.FromSeconds(1)), "seed 1: did not settle");

        var report = cluster.Report(tx);
        Assert.Equal(TransactionOutcome.Committed, report.Outcome);
        Assert.Equal(TransactionOutcome.Committed, report.CoordinatorDecision);
        Assert.All(report.Participants, p => Assert.Equal(ParticipantState.Committed, p.State));
        Assert.Equal(70, cluster.Balance("n1/a"));
        Assert.Equal(130, cluster.Balance("n2/b"));
        Assert.Equal(cluster.InitialTotal, cluster.TotalBalance);
        Assert.Empty(cluster.AtomicityViolations());

        // Prepare, Vote, Decision, Ack per participant: 4n messages, no re-sends on a calm network.
        Assert.Equal(new Dictionary<string, int> { ["Ack"] = 2, ["Decision"] = 2, ["Prepare"] = 2, ["Vote"] = 2 }, report.Messages);
        Assert.Equal(8, cluster.Simulation.Stats.Sent);
        // Presumed abort's commit costs: coordinator COMMIT (forced) + END (lazy); each participant PREPARED + COMMIT.
        Assert.Equal(2, cluster.LogWrites(cluster.Coordinator));
        Assert.All(cluster.Participants, p => Assert.Equal(2, cluster.LogWrites(p)));
        Assert.Equal(["COMMIT T1", "END T1"], cluster.LogRecords(cluster.Coordinator).Select(r => r.ToString()));
        Assert.Equal(["PREPARED T1 [n1/a=70]", "COMMIT T1"], cluster.LogRecords(1).Select(r => r.ToString()));
        Assert.All(report.Participants, p => Assert.InRange(p.LockHeldFor!.Value.TotalMilliseconds, 0.1, 30));
    }

    [Fact]
    public void InsufficientFundsIsANoVoteAndTheTransactionAbortsEverywhere()
    {
        var cluster = new TwoPhaseCommitCluster(2, seed: 2);
        var tx = cluster.Transfer("n1/a", "n2/a", 150);
        Assert.True(cluster.RunUntilSettled(TimeSpan.FromSeconds(1)), "seed 2: did not settle");

        var report = cluster.Report(tx);
        Assert.Equal(TransactionOutcome.Aborted, report.Outcome);
        Assert.Equal(ParticipantState.Aborted, report.Participants[0].State); // voted NO, logged ABORT
        Assert.Equal(ParticipantState.Aborted, report.Participants[1].State); // voted YES, told ABORT
        Assert.Contains(cluster.Simulation.Trace.Notes("vote"), n => n.Detail.Contains("NO: insufficient funds in n1/a"));
        Assert.Equal(100, cluster.Balance("n1/a"));
        Assert.Equal(100, cluster.Balance("n2/a"));
        Assert.Equal(1, report.Messages["Decision"]); // only the YES voter needs the ABORT
        Assert.Empty(cluster.AtomicityViolations());
    }

    [Fact]
    public void ConcurrentTransfersOnOneAccountConflictAndOnlyOneCommits()
    {
        for (var seed = 1; seed <= 20; seed++)
        {
            var cluster = new TwoPhaseCommitCluster(3, seed);
            var first = cluster.Transfer("n1/a", "n2/a", 10);
            var second = cluster.Transfer("n1/a", "n3/a", 10);
            Assert.True(cluster.RunUntilSettled(TimeSpan.FromSeconds(1)), $"seed {seed}: did not settle");
            var outcomes = new[] { cluster.Report(first).Outcome, cluster.Report(second).Outcome };
            Assert.True(outcomes.Count(o => o == TransactionOutcome.Committed) == 1, $"seed {seed}: {string.Join(", ", outcomes)}");
            Assert.Contains(cluster.Simulation.Trace.Notes("vote"), n => n.Detail.Contains("is locked by"));
            Assert.Equal(90, cluster.Balance("n1/a"));
            Assert.Empty(cluster.AtomicityViolations());
        }
    }

    [Fact]
    public void ATransferWithinOneParticipantHasOneParticipant()
    {
        var cluster = new TwoPhaseCommitCluster(2, seed: 3);
        var tx = cluster.Transfer("n2/a", "n2/b", 100);
        Assert.True(cluster.RunUntilSettled(TimeSpan.FromSeconds(1)), "seed 3: did not settle");
        var report = cluster.Report(tx);
        Assert.Equal([new NodeId(2)], report.Participants.Select(p => p.Node));
        Assert.Equal(TransactionOutcome.Committed, report.Outcome);
        Assert.Equal(0, cluster.Balance("n2/a"));
        Assert.Equal(200, cluster.Balance("n2/b"));
    }

    [Fact]
    public void ALossyNetworkOnlyCostsReSends()
    {
        for (var seed = 1; seed <= 20; seed++)
        {
            var cluster = new TwoPhaseCommitCluster(3, seed, simulationOptions: new SimulationOptions { Network = NetworkConditions.Unreliable });
            var txs = Enumerable.Range(0, 5).Select(i => cluster.Transfer($"n{1 + i % 3}/a", $"n{1 + (i + 1) % 3}/b", 5)).ToArray();
            Assert.True(cluster.RunUntilSettled(TimeSpan.FromSeconds(10)), $"seed {seed}: did not settle");
            Assert.True(cluster.AtomicityViolations() is { Count: 0 } v, $"seed {seed}: {string.Join("; ", cluster.AtomicityViolations())}");
            Assert.All(txs, tx => Assert.NotNull(cluster.Report(tx).Outcome));
        }
    }
}

using Course.Distributed.Transactions.TwoPhaseCommit;

namespace Course.Distributed.Tests.TwoPhaseCommit;

public class BadInputTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(27)]
    public void AClusterNeedsParticipants(int participants) =>
        Assert.Equal("participants", Assert.ThrowsAny<ArgumentException>(() => new TwoPhaseCommitCluster(participants)).ParamName);

    [Fact]
    public void AccountsAndBalancesAreChecked()
    {
        Assert.Equal("accountsPerParticipant", Assert.ThrowsAny<ArgumentException>(() => new TwoPhaseCommitCluster(2, accountsPerParticipant: 0)).ParamName);
        Assert.Equal("initialBalance", Assert.ThrowsAny<ArgumentException>(() => new TwoPhaseCommitCluster(2, initialBalance: -1)).ParamName);
    }

    [Fact]
    public void UnknownNodesAreRejectedByParameterNameWithTheValidRange()
    {
        var cluster = new TwoPhaseCommitCluster(2);
        var e = Assert.Throws<ArgumentException>(() => cluster.Crash(3));
        Assert.Equal("node", e.ParamName);
        Assert.Contains("n0..n2", e.Message);
        Assert.Equal("node", Assert.Throws<ArgumentException>(() => cluster.Restart(-1)).ParamName);
        Assert.Equal("node", Assert.Throws<ArgumentException>(() => cluster.ParticipantOrNull(9)).ParamName);
        Assert.Equal("node", Assert.Throws<ArgumentException>(() => cluster.ParticipantOrNull(0)).ParamName); // the coordinator
        Assert.Equal("node", Assert.Throws<ArgumentException>(() => cluster.CrashAt(CrashPoint.ParticipantAfterVote, node: 5)).ParamName);
        Assert.Equal("groups", Assert.Throws<ArgumentException>(() => cluster.Partition([0, 1], [7])).ParamName);
        Assert.Equal("to", Assert.Throws<ArgumentException>(() => cluster.BlockLink(0, 4)).ParamName);
        Assert.Equal("node", Assert.Throws<ArgumentException>(() => cluster.LogRecords(4)).ParamName);
    }

    [Fact]
    public void CrashPointsMustMatchTheRoleOfTheNode()
    {
        var cluster = new TwoPhaseCommitCluster(2);
        Assert.Equal("node", Assert.Throws<ArgumentException>(() => cluster.CrashAt(CrashPoint.CoordinatorAfterDecisionLogged, node: 1)).ParamName);
        Assert.Equal("node", Assert.Throws<ArgumentException>(() => cluster.CrashAt(CrashPoint.ParticipantAfterVote, node: 0)).ParamName);
        Assert.Equal("point", Assert.Throws<ArgumentOutOfRangeException>(() => cluster.CrashAt((CrashPoint)99)).ParamName);
        Assert.Equal("restartAfter", Assert.Throws<ArgumentOutOfRangeException>(() => cluster.CrashAt(CrashPoint.ParticipantAfterVote, restartAfter: TimeSpan.FromSeconds(-1))).ParamName);
    }

    [Fact]
    public void TransactionsNeedKnownAccountsAndPositiveAmounts()
    {
        var cluster = new TwoPhaseCommitCluster(2);
        Assert.Equal("from", Assert.Throws<ArgumentException>(() => cluster.Transfer("n9/a", "n1/a", 5)).ParamName);
        Assert.Equal("to", Assert.Throws<ArgumentException>(() => cluster.Transfer("n1/a", "nobody", 5)).ParamName);
        Assert.Equal("to", Assert.Throws<ArgumentException>(() => cluster.Transfer("n1/a", "n1/a", 5)).ParamName);
        Assert.Equal("amount", Assert.Throws<ArgumentOutOfRangeException>(() => cluster.Transfer("n1/a", "n2/a", 0)).ParamName);
        Assert.Equal("changes", Assert.Throws<ArgumentException>(() => cluster.Submit([])).ParamName);
        Assert.Equal("changes", Assert.Throws<ArgumentException>(() => cluster.Submit([new("n1/z", 1)])).ParamName);
        Assert.Equal("account", Assert.Throws<ArgumentException>(() => cluster.Balance("x")).ParamName);
        Assert.Equal("transaction", Assert.Throws<ArgumentException>(() => cluster.Report(new TransactionId(42))).ParamName);
        Assert.Empty(cluster.Transactions); // nothing was submitted by the bad calls
    }

    [Fact]
    public void TimeoutsMustBePositive()
    {
        Assert.Equal("VoteTimeoutTicks", Assert.Throws<ArgumentOutOfRangeException>(() => new TwoPhaseCommitOptions { VoteTimeoutTicks = 0 }).ParamName);
        Assert.Equal("InDoubtTimeoutTicks", Assert.Throws<ArgumentOutOfRangeException>(() => new TwoPhaseCommitOptions { InDoubtTimeoutTicks = -5 }).ParamName);
        Assert.Equal("coordinatorDowntime", Assert.Throws<ArgumentOutOfRangeException>(() => TwoPhaseCommitScenarios.Blocking(1, TimeSpan.Zero)).ParamName);
    }

    [Fact]
    public void ASubmissionWhileTheCoordinatorIsDownNeverStartsAndIsPresumedAborted()
    {
        var cluster = new TwoPhaseCommitCluster(2, seed: 8);
        cluster.Crash(cluster.Coordinator);
        var tx = cluster.Transfer("n1/a", "n2/a", 5);
        cluster.Restart(cluster.Coordinator);
        Assert.True(cluster.RunUntilSettled(TimeSpan.FromSeconds(1)), "seed 8: did not settle");
        var report = cluster.Report(tx);
        Assert.False(report.Started);
        Assert.Equal(TransactionOutcome.Aborted, report.Outcome);
        Assert.Empty(cluster.AtomicityViolations());
    }
}

using Course.Distributed.Transactions.TwoPhaseCommit;
using Course.Simulation;
using Xunit.Abstractions;

namespace Course.Distributed.Tests.TwoPhaseCommit;

/// <summary>3PC for contrast: no blocking on a coordinator crash in the synchronous model, and wrong under a partition.</summary>
public class ThreePhaseCommitTests(ITestOutputHelper output)
{
    [Fact]
    public void WithoutFaultsItCommitsWithTheExtraRound()
    {
        var cluster = new ThreePhaseCommitCluster(2, seed: 1);
        var tx = cluster.Transfer("n1/a", "n2/a", 40);
        Assert.True(cluster.RunUntil(() => cluster.AllDecided(tx), TimeSpan.FromSeconds(1)), "seed 1: not decided");
        Assert.All(cluster.ParticipantsOf(tx), p => Assert.Equal(ThreePhaseState.Committed, cluster.StateOf(tx, p)));
        Assert.Equal(60, cluster.Balances()["n1/a"]);
        Assert.Equal(10, cluster.Simulation.Stats.Sent); // CanCommit, Vote, PreCommit, PreCommitAck, Decision: 5n against 2PC's 4n
        Assert.Empty(cluster.AtomicityViolations());
    }

    [Theory]
    [InlineData(ThreePhaseCrashPoint.CoordinatorAfterVotes, ThreePhaseState.Aborted)]
    [InlineData(ThreePhaseCrashPoint.CoordinatorAfterFirstPreCommit, ThreePhaseState.Committed)]
    [InlineData(ThreePhaseCrashPoint.CoordinatorBeforeDoCommit, ThreePhaseState.Committed)]
    public void ACoordinatorCrashDoesNotBlockTheParticipantsFinishWithoutIt(ThreePhaseCrashPoint point, ThreePhaseState expected)
    {
        for (var seed = 1; seed <= 10; seed++)
        {
            var run = ThreePhaseCommitScenarios.CoordinatorCrash(point, seed);
            output.WriteLine($"seed {seed}: {run}");
            Assert.True(run.NonBlocking, $"seed {seed}: {run}");
            Assert.All(run.States.Values, s => Assert.Equal(expected, s));
            Assert.True(run.LongestLockHold < TimeSpan.FromSeconds(1), $"seed {seed}: {run}");
            Assert.Empty(run.Violations);
        }
        // 2PC at the same moment blocks for as long as the coordinator is down.
        var twoPc = TwoPhaseCommitScenarios.Blocking(1, TimeSpan.FromSeconds(3));
        Assert.True(twoPc.Final.LongestLockHold >= TimeSpan.FromSeconds(3), twoPc.ToString());
    }

    [Fact]
    public void UnderAPartitionBothSidesTerminateAndDecideDifferently()
    {
        var run = ThreePhaseCommitScenarios.CoordinatorCrash(ThreePhaseCrashPoint.CoordinatorAfterFirstPreCommit, seed: 1, partition: true);
        output.WriteLine(run.ToString());
        Assert.Equal(ThreePhaseState.Committed, run.States[1]); // committable, alone on its side: commits
        Assert.Equal(ThreePhaseState.Aborted, run.States[2]);   // all uncertain on the other side: abort
        Assert.Equal(ThreePhaseState.Aborted, run.States[3]);
        Assert.Contains(run.Violations, v => v.Contains("not atomic"));
        Assert.Contains(run.Violations, v => v.Contains("money is not conserved"));
    }

    [Fact]
    public void BadInputIsRejectedByName()
    {
        Assert.Equal("participants", Assert.ThrowsAny<ArgumentException>(() => new ThreePhaseCommitCluster(0)).ParamName);
        var cluster = new ThreePhaseCommitCluster(2);
        Assert.Equal("participant", Assert.Throws<ArgumentException>(() => cluster.StateOf(new TransactionId(1), 5)).ParamName);
        Assert.Equal("groups", Assert.Throws<ArgumentException>(() => cluster.Partition([0], [new NodeId(9)])).ParamName);
        Assert.Equal("from", Assert.Throws<ArgumentException>(() => cluster.Transfer("zz", "n1/a", 1)).ParamName);
        Assert.Equal("point", Assert.Throws<ArgumentOutOfRangeException>(() => cluster.CrashAt((ThreePhaseCrashPoint)7)).ParamName);
        Assert.Equal("RankStepTicks", Assert.Throws<ArgumentOutOfRangeException>(() => new ThreePhaseCommitOptions { RankStepTicks = 0 }).ParamName);
    }
}

using Course.Distributed.Paxos;

namespace Course.Distributed.Tests.Paxos;

public class BadInputTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void AClusterNeedsAtLeastOneNode(int size)
    {
        Assert.Equal("size", Assert.ThrowsAny<ArgumentException>(() => new PaxosCluster(size)).ParamName);
        Assert.Equal("size", Assert.ThrowsAny<ArgumentException>(() => new MultiPaxosCluster(size)).ParamName);
    }

    [Fact]
    public void UnknownNodeIdsAreRejectedByParameterNameWithTheValidRange()
    {
        var paxos = new PaxosCluster(3);
        var e = Assert.Throws<ArgumentException>(() => paxos.Propose(3, "x"));
        Assert.Equal("node", e.ParamName);
        Assert.Contains("n0..n2", e.Message);
        Assert.Equal("node", Assert.Throws<ArgumentException>(() => paxos.Propose(-1, "x")).ParamName);
        Assert.Equal("node", Assert.Throws<ArgumentException>(() => paxos.Crash(7)).ParamName);
        Assert.Equal("node", Assert.Throws<ArgumentException>(() => paxos.Restart(7)).ParamName);
        Assert.Equal("node", Assert.Throws<ArgumentException>(() => paxos.LearnedValue(7)).ParamName);
        Assert.Equal("groups", Assert.Throws<ArgumentException>(() => paxos.Partition([0, 1], [9])).ParamName);

        var multi = new MultiPaxosCluster(5);
        Assert.Equal("node", Assert.Throws<ArgumentException>(() => multi.Submit(5, "x")).ParamName);
        Assert.Equal("node", Assert.Throws<ArgumentException>(() => multi.LogOf(5)).ParamName);
        Assert.Equal("node", Assert.Throws<ArgumentException>(() => multi.Disconnect(5)).ParamName);
    }

    [Fact]
    public void EmptyValuesAndTheReservedNoOpAreRejected()
    {
        Assert.Equal("value", Assert.ThrowsAny<ArgumentException>(() => new PaxosCluster(3).Propose(0, "")).ParamName);
        var multi = new MultiPaxosCluster(3);
        Assert.Equal("command", Assert.ThrowsAny<ArgumentException>(() => multi.Submit(0, null!)).ParamName);
        Assert.Equal("command", Assert.Throws<ArgumentException>(() => multi.Submit(0, MultiPaxosNode.NoOp)).ParamName);
    }

    [Fact]
    public void TimersMustBePositive()
    {
        Assert.Equal("RetryMinTicks", Assert.Throws<ArgumentOutOfRangeException>(() => new PaxosOptions { RetryMinTicks = 0 }).ParamName);
        Assert.Equal("ElectionTimeoutMinTicks", Assert.Throws<ArgumentOutOfRangeException>(() => new MultiPaxosOptions { ElectionTimeoutMinTicks = -1 }).ParamName);
        Assert.Equal("HeartbeatTicks", Assert.Throws<ArgumentOutOfRangeException>(() => new MultiPaxosOptions { HeartbeatTicks = 0 }).ParamName);
    }

    [Fact]
    public void ASingleNodeClusterDecidesAlone()
    {
        var paxos = new PaxosCluster(1, seed: 9);
        paxos.Propose(0, "solo");
        Assert.True(paxos.RunUntil(() => paxos.AllLiveLearned, TimeSpan.FromSeconds(1)), "seed 9: a one-node cluster did not decide");
        var multi = new MultiPaxosCluster(1, seed: 9);
        multi.Submit(0, "solo");
        Assert.True(multi.RunUntil(() => multi.AllLiveApplied(["solo"]), TimeSpan.FromSeconds(2)), "seed 9: a one-node log did not apply");
    }
}

using Course.Distributed.Linearizability;
using static Course.Distributed.Tests.Linearizability.Reg;

namespace Course.Distributed.Tests.Linearizability;

/// <summary>The plain data a chart draws: one bar per operation, lanes by client, the counterexample marked.</summary>
public class TimelineTests
{
    [Fact]
    public void EveryOperationBecomesABarInItsClientsLane()
    {
        var timeline = Check(W(3, 1, 0, 10), R(1, 1, 12, 20), R(3, 1, 25, 30)).Timeline();

        Assert.Equal(CheckOutcome.Ok, timeline.Outcome);
        Assert.Equal([1, 3], timeline.Clients);
        Assert.Equal(0, timeline.Start);
        Assert.Equal(30, timeline.End);
        Assert.Equal([3, 1, 3], timeline.Bars.Select(b => b.ClientId));
        Assert.Equal(new TimelineBar(1, 1, 12, 20, false, "read() → 1", HistoryPartition.WholeHistory, TimelineRole.Other, 1), timeline.Bars[1]);
        Assert.All(timeline.Bars, b => Assert.False(b.InCounterexample));
    }

    [Fact]
    public void TheCounterexampleIsMarked()
    {
        var timeline = Check(W(0, 1, 0, 10), R(1, 5, 20, 30), R(2, 5, 21, 40), R(3, 0, 1, 2)).Timeline();

        Assert.Equal(CheckOutcome.Illegal, timeline.Outcome);
        Assert.Equal(
            [TimelineRole.Prefix, TimelineRole.FirstUnlinearizable, TimelineRole.Candidate, TimelineRole.Prefix],
            timeline.Bars.Select(b => b.Role));
        Assert.All(timeline.Bars, b => Assert.True(b.InCounterexample));
        Assert.Equal([1, null, null, 0], timeline.Bars.Select(b => b.Order));
        Assert.StartsWith("Not linearizable", timeline.Summary);
    }

    [Fact]
    public void AnOperationThatNeverReturnedEndsAtTheRightEdge()
    {
        var timeline = Check(PendingW(0, 1, 5), R(1, 1, 10, 20)).Timeline();

        var bar = timeline.Bars[0];
        Assert.True(bar.Pending);
        Assert.Equal(5, bar.Start);
        Assert.Equal(20, bar.End);
        Assert.Equal(20, timeline.End);
    }

    [Fact]
    public void EachBarSaysWhichPartitionItBelongsTo()
    {
        var timeline = Kv.Check(Kv.Put(0, "b", "1", 0, 1), Kv.Get(1, "a", "", 0, 1)).Timeline();

        Assert.Equal(["b", "a"], timeline.Bars.Select(b => b.Partition));
    }
}

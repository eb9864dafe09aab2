using Course.Distributed.Linearizability;
using static Course.Distributed.Tests.Linearizability.Reg;

namespace Course.Distributed.Tests.Linearizability;

/// <summary>What a learner reads: the counterexample's parts and the explanation built from them.</summary>
public class CounterexampleTests
{
    [Fact]
    public void TheLongestPrefixIsReportedWithTheOperationThatCannotFollowIt()
    {
        // W(1) then W(2) complete; a read concurrent with neither sees 1: the prefix W1, W2 is legal, the read is not.
        var result = Check(W(0, 1, 0, 10), W(0, 2, 20, 30), R(1, 1, 40, 50), R(2, 2, 35, 45));
        var c = result.Counterexample!;

        Assert.Equal(CheckOutcome.Illegal, result.Outcome);
        Assert.Equal([0, 1, 3], c.LongestPrefix);
        Assert.Equal(2, c.FirstUnlinearizable);
        Assert.Empty(c.OtherCandidates);
        Assert.Equal("2", c.StateAfterPrefix);
    }

    [Fact]
    public void OtherRejectedCandidatesAreListed()
    {
        // After W1, two overlapping reads both claim 5: neither can go next.
        var result = Check(W(0, 1, 0, 10), R(1, 5, 20, 30), R(2, 5, 21, 40));
        var c = result.Counterexample!;

        Assert.Equal([0], c.LongestPrefix);
        Assert.Equal(1, c.FirstUnlinearizable);
        Assert.Equal([2], c.OtherCandidates);
    }

    [Fact]
    public void TheExplanationTellsTheStoryWithTheModelsLabels()
    {
        var result = Check(W(0, 1, 0, 5), R(1, 0, 10, 15));
        var text = result.Explain();

        Assert.StartsWith("Not linearizable", text);
        Assert.Contains("1. client 0 [0, 5] write(1)", text);
        Assert.Contains("After them the state is 1.", text);
        Assert.Contains("client 1 [10, 15] read() → 0 must take effect, since it returned at 15", text);
        Assert.Equal(text, result.ToString());
    }

    [Fact]
    public void AnEmptyPrefixIsExplainedToo()
    {
        var text = Check(R(0, 1, 0, 5), W(1, 1, 10, 15)).Counterexample!.Explanation;

        Assert.Contains("Not even one of its 2 operations can go first; the initial state is 0.", text);
        Assert.Contains("read() → 1", text);
    }

    [Fact]
    public void APendingOperationIsLabelledAsSuch()
    {
        var result = Check(PendingW(0, 1, 0), R(1, 2, 10, 20));

        Assert.Equal("write(1) (never returned)", result.Describe(0));
        Assert.Contains("[0, ∞) write(1) (never returned)", result.Explain());
    }

    [Fact]
    public void LegalHistoriesExplainThemselvesBriefly()
    {
        var text = Check(W(0, 1, 0, 5), R(1, 1, 10, 15)).Explain();

        Assert.StartsWith("Linearizable: all 2 operations (1 partition) fit one sequential order", text);
    }
}

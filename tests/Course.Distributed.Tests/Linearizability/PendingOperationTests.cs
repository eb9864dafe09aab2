using Course.Distributed.Linearizability;
using static Course.Distributed.Tests.Linearizability.Reg;

namespace Course.Distributed.Tests.Linearizability;

/// <summary>Operations that never returned (a crashed or timed-out client) may or may not have taken effect.</summary>
public class PendingOperationTests
{
    [Fact]
    public void APendingWriteThatWasReadMustHaveHappened() =>
        Assert.Equal(CheckOutcome.Ok, Check(PendingW(0, 1, 0), R(1, 1, 10, 20)).Outcome);

    [Fact]
    public void APendingWriteMayNeverHaveHappened() =>
        Assert.Equal(CheckOutcome.Ok, Check(PendingW(0, 1, 0), R(1, 0, 10, 20), R(1, 0, 30, 40)).Outcome);

    [Fact]
    public void APendingWriteMayTakeEffectLate() =>
        Assert.Equal(CheckOutcome.Ok, Check(PendingW(0, 1, 0), R(1, 0, 10, 20), R(1, 1, 30, 40)).Outcome);

    [Fact]
    public void APendingWriteTakesEffectAtMostOnce()
    {
        var result = Check(PendingW(0, 1, 0), R(1, 1, 10, 20), R(1, 0, 30, 40));

        Assert.Equal(CheckOutcome.Illegal, result.Outcome);
        Assert.Equal([0, 1], result.Counterexample!.LongestPrefix);
        Assert.Equal(2, result.Counterexample.FirstUnlinearizable);
    }

    [Fact]
    public void APendingWriteCannotTakeEffectBeforeItWasCalled() =>
        Assert.Equal(CheckOutcome.Illegal, Check(R(1, 1, 0, 5), PendingW(0, 1, 10)).Outcome);

    [Fact]
    public void TwoPendingWritesExplainTwoValues() =>
        Assert.Equal(
            CheckOutcome.Ok,
            Check(PendingW(0, 1, 0), PendingW(1, 2, 0), R(2, 2, 10, 20), R(2, 1, 30, 40)).Outcome);

    [Fact]
    public void APendingWriteCannotBeUndone()
    {
        // 1 was read, then the completed write of 2, then 1 again: the pending write of 1 can't happen twice.
        var result = Check(PendingW(0, 1, 0), R(1, 1, 10, 20), W(2, 2, 30, 40), R(1, 1, 50, 60));
        Assert.Equal(CheckOutcome.Illegal, result.Outcome);
    }

    [Fact]
    public void APendingReadChangesNothing() =>
        Assert.Equal(CheckOutcome.Ok, Check(PendingR(0, 0), W(1, 1, 5, 6), R(1, 1, 10, 20)).Outcome);

    [Fact]
    public void AHistoryOfOnlyPendingOperationsIsLinearizable() =>
        Assert.Equal(CheckOutcome.Ok, Check(PendingW(0, 1, 0), PendingR(1, 3)).Outcome);

    [Fact]
    public void TheLinearizationSaysWhichPendingOperationsHappened()
    {
        Assert.Equal([1], Assert.Single(Check(PendingW(0, 1, 0), R(1, 0, 10, 20)).Partitions).Linearization);
        Assert.Equal([0, 1], Assert.Single(Check(PendingW(0, 1, 0), R(1, 1, 10, 20)).Partitions).Linearization);
    }

    [Fact]
    public void TimeSpanTimesWithAnInfiniteReturnMeanNeverReturned()
    {
        var op = new Operation<RegisterInput, int>(0, RegisterInput.Write(1), 0, TimeSpan.FromMilliseconds(3), Timeout.InfiniteTimeSpan);

        Assert.True(op.IsPending);
        Assert.Equal(TimeSpan.FromMilliseconds(3).Ticks, op.Call);
        Assert.Equal(CheckOutcome.Ok, Check(op, R(1, 1, op.Call + 1, op.Call + 2)).Outcome);
    }

    [Fact]
    public void AModelWithoutStepPendingSaysSo()
    {
        var model = Model.Create<int, int, int>(() => 0, (s, i, o) => (true, s));
        var history = new[] { Operation<int, int>.Pending(0, 1, 0), new Operation<int, int>(1, 2, 0, 1, 2) };

        var error = Assert.Throws<NotSupportedException>(() => LinearizabilityChecker.Check(model, history, Budget));
        Assert.Contains("StepPending", error.Message);
    }
}

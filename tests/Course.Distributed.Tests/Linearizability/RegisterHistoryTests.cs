using Course.Distributed.Linearizability;
using static Course.Distributed.Tests.Linearizability.Reg;

namespace Course.Distributed.Tests.Linearizability;

/// <summary>Hand-written register histories with known verdicts. Times are small integers; intervals are [call, return].</summary>
public class RegisterHistoryTests
{
    [Fact]
    public void EmptyHistoryIsLinearizable() => Assert.Equal(CheckOutcome.Ok, Check().Outcome);

    [Fact]
    public void SequentialWriteThenReadIsLinearizable() =>
        Assert.Equal(CheckOutcome.Ok, Check(W(0, 1, 0, 1), R(1, 1, 2, 3)).Outcome);

    [Fact]
    public void ReadOfTheInitialValueIsLinearizable() => Assert.Equal(CheckOutcome.Ok, Check(R(0, 0, 0, 1)).Outcome);

    [Fact]
    public void ReadThatSeesAValueBeforeItsWriteWasCalledIsIllegal()
    {
        var result = Check(R(0, 1, 0, 5), W(1, 1, 10, 15));

        Assert.Equal(CheckOutcome.Illegal, result.Outcome);
        var c = Assert.Single(result.Counterexamples);
        Assert.Empty(c.LongestPrefix);
        Assert.Equal(0, c.FirstUnlinearizable);
    }

    [Fact]
    public void StaleReadAfterACompletedWriteIsIllegal()
    {
        var result = Check(W(0, 1, 0, 5), R(1, 0, 10, 15));

        Assert.Equal(CheckOutcome.Illegal, result.Outcome);
        Assert.Equal([0], result.Counterexample!.LongestPrefix);
        Assert.Equal(1, result.Counterexample.FirstUnlinearizable);
        Assert.Equal("1", result.Counterexample.StateAfterPrefix);
    }

    [Fact]
    public void ReadConcurrentWithAWriteMaySeeEitherValue()
    {
        Assert.Equal(CheckOutcome.Ok, Check(W(0, 1, 0, 10), R(1, 0, 2, 8)).Outcome);
        Assert.Equal(CheckOutcome.Ok, Check(W(0, 1, 0, 10), R(1, 1, 2, 8)).Outcome);
        Assert.Equal(CheckOutcome.Illegal, Check(W(0, 1, 0, 10), R(1, 2, 2, 8)).Outcome);
    }

    [Theory]
    [InlineData(0, true)] // before both writes
    [InlineData(1, true)] // between them
    [InlineData(2, true)] // after both
    [InlineData(3, false)] // never written
    public void ReadConcurrentWithTwoSequentialWrites(int read, bool linearizable)
    {
        var result = Check(W(0, 1, 0, 10), W(0, 2, 20, 30), R(1, read, 5, 25));
        Assert.Equal(linearizable ? CheckOutcome.Ok : CheckOutcome.Illegal, result.Outcome);
    }

    [Fact]
    public void ReadAfterTwoConcurrentWritesMaySeeEither()
    {
        Assert.Equal(CheckOutcome.Ok, Check(W(0, 1, 0, 10), W(1, 2, 0, 10), R(2, 1, 11, 12)).Outcome);
        Assert.Equal(CheckOutcome.Ok, Check(W(0, 1, 0, 10), W(1, 2, 0, 10), R(2, 2, 11, 12)).Outcome);
    }

    [Fact]
    public void OnceTheConcurrentWritesAreOverAllReadsAgree()
    {
        // Both writes are done; the register holds whichever went last, and keeps it.
        var result = Check(W(0, 1, 0, 10), W(1, 2, 0, 10), R(2, 1, 11, 12), R(3, 2, 13, 14));
        Assert.Equal(CheckOutcome.Illegal, result.Outcome);
        Assert.Equal(3, result.Counterexample!.FirstUnlinearizable);
    }

    [Fact]
    public void ReadersMayNotSeeConcurrentWritesInOppositeOrders()
    {
        // Two long concurrent writes. Reader 2 sees 1 then 2, reader 3 sees 2 then 1: each order alone is fine, together impossible.
        Operation<RegisterInput, int>[] writes = [W(0, 1, 0, 100), W(1, 2, 0, 100)];
        Operation<RegisterInput, int>[] reader2 = [R(2, 1, 10, 20), R(2, 2, 30, 40)];
        Operation<RegisterInput, int>[] reader3 = [R(3, 2, 10, 20), R(3, 1, 30, 40)];

        Assert.Equal(CheckOutcome.Ok, Check([.. writes, .. reader2]).Outcome);
        Assert.Equal(CheckOutcome.Ok, Check([.. writes, .. reader3]).Outcome);
        Assert.Equal(CheckOutcome.Illegal, Check([.. writes, .. reader2, .. reader3]).Outcome);
    }

    [Fact]
    public void NewOldInversionIsIllegal()
    {
        // Lamport's (1986) atomic vs regular register: during one write, a read sees the new value and a later read the old one.
        // A regular register allows it; an atomic (linearizable) one does not.
        Assert.Equal(CheckOutcome.Illegal, Check(W(0, 1, 0, 100), R(1, 1, 10, 20), R(2, 0, 30, 40)).Outcome);
        Assert.Equal(CheckOutcome.Ok, Check(W(0, 1, 0, 100), R(1, 0, 10, 20), R(2, 1, 30, 40)).Outcome);
    }

    [Fact]
    public void OverlappingReadsMaySeeNewAndOldValues()
    {
        // porcupine's README example: reads that overlap each other may linearize either side of the write.
        Assert.Equal(CheckOutcome.Ok, Check(W(0, 100, 0, 100), R(1, 100, 25, 75), R(2, 0, 30, 60)).Outcome);
    }

    [Fact]
    public void OperationsThatOnlyTouchCountAsConcurrent()
    {
        // The write returns at 5 and the read is called at 5: at equal times calls sort before returns (as porcupine).
        Assert.Equal(CheckOutcome.Ok, Check(W(0, 1, 0, 5), R(1, 0, 5, 10)).Outcome);
        Assert.Equal(CheckOutcome.Illegal, Check(W(0, 1, 0, 5), R(1, 0, 6, 10)).Outcome);
    }

    [Fact]
    public void ZeroLengthOperationsAreAllowed() =>
        Assert.Equal(CheckOutcome.Ok, Check(W(0, 3, 4, 4), R(1, 3, 4, 4), R(1, 3, 5, 5)).Outcome);

    [Fact]
    public void TheLinearizationOfALegalHistoryIsReturned()
    {
        var history = new[] { W(0, 1, 0, 10), R(1, 0, 1, 2), R(2, 1, 11, 12) };

        var partition = Assert.Single(Check(history).Partitions);

        Assert.Equal([1, 0, 2], partition.Linearization);
    }

    [Fact]
    public void InitialValueIsPartOfTheModel()
    {
        var result = LinearizabilityChecker.Check(new RegisterModel(initial: 7), [R(0, 7, 0, 1)], Budget);
        Assert.Equal(CheckOutcome.Ok, result.Outcome);
    }
}

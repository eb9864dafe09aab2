using Course.Distributed.Linearizability;
using static Course.Distributed.Tests.Linearizability.Kv;

namespace Course.Distributed.Tests.Linearizability;

/// <summary>Key/value histories in the 6.5840 semantics: Get of a missing key is "", Append appends.</summary>
public class KeyValueHistoryTests
{
    [Fact]
    public void GetOfAMissingKeyReturnsTheEmptyString()
    {
        Assert.Equal(CheckOutcome.Ok, Check(Get(0, "x", "", 0, 1)).Outcome);
        Assert.Equal(CheckOutcome.Illegal, Check(Get(0, "x", "a", 0, 1)).Outcome);
    }

    [Fact]
    public void PutThenAppendThenGet() =>
        Assert.Equal(
            CheckOutcome.Ok,
            Check(Put(0, "x", "a", 0, 1), Append(0, "x", "b", 2, 3), Append(1, "x", "c", 4, 5), Get(2, "x", "abc", 6, 7)).Outcome);

    [Theory]
    [InlineData("ab", true)]
    [InlineData("ba", true)]
    [InlineData("a", false)] // both appends had returned
    [InlineData("abb", false)]
    [InlineData("", false)]
    public void ConcurrentAppendsLandInSomeOrder(string seen, bool linearizable)
    {
        var result = Check(Append(0, "x", "a", 0, 10), Append(1, "x", "b", 0, 10), Get(2, "x", seen, 11, 12));
        Assert.Equal(linearizable ? CheckOutcome.Ok : CheckOutcome.Illegal, result.Outcome);
    }

    [Fact]
    public void AGetDuringConcurrentAppendsSeesAPrefixOfTheirOrder()
    {
        // "b" alone is fine during the appends, but then the final value must start with b.
        Assert.Equal(CheckOutcome.Ok, Check(Append(0, "x", "a", 0, 10), Append(1, "x", "b", 0, 10), Get(2, "x", "b", 2, 3), Get(2, "x", "ba", 11, 12)).Outcome);
        Assert.Equal(CheckOutcome.Illegal, Check(Append(0, "x", "a", 0, 10), Append(1, "x", "b", 0, 10), Get(2, "x", "b", 2, 3), Get(2, "x", "ab", 11, 12)).Outcome);
    }

    [Fact]
    public void AnAppendThatReturnsTheOldValueIsChecked()
    {
        Assert.Equal(CheckOutcome.Ok, Check(Put(0, "x", "a", 0, 1), Append(0, "x", "b", 2, 3, old: "a")).Outcome);
        Assert.Equal(CheckOutcome.Illegal, Check(Put(0, "x", "a", 0, 1), Append(0, "x", "b", 2, 3, old: "")).Outcome);
    }

    [Fact]
    public void KeysAreIndependent() =>
        Assert.Equal(
            CheckOutcome.Ok,
            Check(Put(0, "x", "1", 0, 10), Put(1, "y", "2", 0, 10), Get(2, "x", "1", 11, 12), Get(2, "y", "2", 11, 12), Get(3, "z", "", 0, 1)).Outcome);

    [Fact]
    public void TheCounterexampleNamesTheKey()
    {
        var result = Check(
            Put(0, "x", "1", 0, 10), Get(1, "x", "1", 11, 12),
            Put(0, "y", "2", 20, 30), Get(1, "y", "", 31, 32)); // stale read on y

        Assert.Equal(CheckOutcome.Illegal, result.Outcome);
        Assert.Equal(["x", "y"], result.Partitions.Select(p => p.Key));
        Assert.Equal(CheckOutcome.Ok, result.Partitions[0].Outcome);
        var c = Assert.Single(result.Counterexamples);
        Assert.Equal("y", c.Key);
        Assert.Equal([2], c.LongestPrefix);
        Assert.Equal(3, c.FirstUnlinearizable);
        Assert.Equal("{y: \"2\"}", c.StateAfterPrefix);
        Assert.Contains("key \"y\"", c.Explanation);
    }

    [Fact]
    public void EveryIllegalKeyGetsACounterexample()
    {
        var result = Check(Get(0, "a", "?", 0, 1), Get(0, "b", "", 2, 3), Get(0, "c", "!", 4, 5));

        Assert.Equal(["a", "c"], result.Counterexamples.Select(c => c.Key));
    }

    [Fact]
    public void APendingAppendMayOrMayNotHaveHappened()
    {
        Assert.Equal(CheckOutcome.Ok, Check(PendingAppend(0, "x", "a", 0), Get(1, "x", "", 5, 6)).Outcome);
        Assert.Equal(CheckOutcome.Ok, Check(PendingAppend(0, "x", "a", 0), Get(1, "x", "a", 5, 6)).Outcome);
        Assert.Equal(CheckOutcome.Ok, Check(PendingAppend(0, "x", "a", 0), Get(1, "x", "", 5, 6), Get(1, "x", "a", 7, 8)).Outcome);
        Assert.Equal(CheckOutcome.Illegal, Check(PendingAppend(0, "x", "a", 0), Get(1, "x", "a", 5, 6), Get(1, "x", "", 7, 8)).Outcome);
        Assert.Equal(CheckOutcome.Illegal, Check(PendingAppend(0, "x", "a", 0), Get(1, "x", "aa", 5, 6)).Outcome);
    }

    [Fact]
    public void WithoutPartitioningTheVerdictIsTheSameButThereIsOnePartition()
    {
        Operation<KeyValueInput, string?>[] history =
            [Put(0, "x", "1", 0, 10), Put(1, "y", "2", 0, 10), Get(2, "x", "1", 11, 12), Get(2, "y", "", 13, 14)];

        var partitioned = Check(history);
        var whole = LinearizabilityChecker.Check(new KeyValueModel().WithoutPartitioning(), history, Reg.Budget);

        Assert.Equal(CheckOutcome.Illegal, partitioned.Outcome);
        Assert.Equal(CheckOutcome.Illegal, whole.Outcome);
        Assert.Equal(2, partitioned.Partitions.Count);
        Assert.Equal(HistoryPartition.WholeHistory, Assert.Single(whole.Partitions).Key);
        Assert.Equal(3, whole.Counterexample!.FirstUnlinearizable);
    }
}

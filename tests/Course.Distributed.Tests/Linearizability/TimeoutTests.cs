using System.Diagnostics;
using Course.Distributed.Linearizability;
using static Course.Distributed.Tests.Linearizability.Reg;

namespace Course.Distributed.Tests.Linearizability;

/// <summary>When the budget runs out the answer is Unknown, never a guess.</summary>
public class TimeoutTests
{
    // Forty concurrent writes of distinct values and a read of a value nobody wrote: to prove it illegal the search must
    // visit every subset of the writes (2^40 configurations), which no budget here allows.
    private static IEnumerable<Operation<RegisterInput, int>> Hard(int client0 = 0) =>
        Enumerable.Range(1, 40).Select(v => W(client0 + v, v, 0, 100)).Append(R(client0, 999, 0, 100));

    // The budget covers the whole check, first-time JIT included: warm the path up so a busy machine cannot spend
    // a short budget before the search even starts (tests run in parallel on two cores).
    public TimeoutTests()
    {
        LinearizabilityChecker.Check(new RegisterModel(), [W(0, 1, 0, 1)], Budget);
        LinearizabilityChecker.Check(new KeyValueModel(), [Kv.Get(0, "a", "", 0, 1), Kv.Get(0, "b", "", 0, 1)], Budget);
    }

    [Fact]
    public void AnExhaustedBudgetGivesUnknown()
    {
        var clock = Stopwatch.StartNew();
        var result = LinearizabilityChecker.Check(new RegisterModel(), Hard().ToList(), TimeSpan.FromMilliseconds(500));

        Assert.Equal(CheckOutcome.Unknown, result.Outcome);
        Assert.Null(result.Counterexample);
        Assert.StartsWith("Unknown", result.Explain());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.True(Assert.Single(result.Partitions).ConfigurationsExplored > 0);
    }

    [Fact]
    public void AnIllegalPartitionDecidesEvenIfAnotherTimesOut()
    {
        // Key "a" (checked first) is plainly illegal; key "b" is the hard one.
        var history = new List<Operation<KeyValueInput, string?>> { Kv.Get(0, "a", "never written", 0, 1) };
        history.AddRange(Enumerable.Range(1, 40).Select(v => Kv.Put(v, "b", $"{v}", 0, 100)));
        history.Add(Kv.Get(0, "b", "999", 0, 100));

        var result = LinearizabilityChecker.Check(new KeyValueModel(), history, TimeSpan.FromMilliseconds(500));

        Assert.Equal(CheckOutcome.Illegal, result.Outcome);
        Assert.Equal("a", result.Counterexample!.Key);
        Assert.Equal(CheckOutcome.Unknown, result.Partitions[1].Outcome);
    }

    [Fact]
    public void PartitionsNotReachedInTimeAreUnknown()
    {
        var history = Enumerable.Range(1, 40).Select(v => Kv.Put(v, "a", $"{v}", 0, 100)).ToList();
        history.Add(Kv.Get(0, "a", "999", 0, 100));
        history.Add(Kv.Get(0, "b", "", 0, 1));

        var result = LinearizabilityChecker.Check(new KeyValueModel(), history, TimeSpan.FromMilliseconds(100));

        Assert.Equal(CheckOutcome.Unknown, result.Outcome);
        Assert.All(result.Partitions, p => Assert.Equal(CheckOutcome.Unknown, p.Outcome));
        Assert.Equal(0, result.Partitions[1].ConfigurationsExplored);
    }

    [Fact]
    public void AZeroBudgetDecidesNothing()
    {
        var result = LinearizabilityChecker.Check(new RegisterModel(), [W(0, 1, 0, 1)], TimeSpan.Zero);
        Assert.Equal(CheckOutcome.Unknown, result.Outcome);
    }
}

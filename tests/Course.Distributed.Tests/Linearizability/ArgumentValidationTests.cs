using Course.Distributed.Linearizability;
using static Course.Distributed.Tests.Linearizability.Reg;

namespace Course.Distributed.Tests.Linearizability;

/// <summary>Bad input fails loudly, naming the parameter, instead of producing a verdict.</summary>
public class ArgumentValidationTests
{
    [Fact]
    public void NullModel()
    {
        var error = Assert.Throws<ArgumentNullException>(() =>
            LinearizabilityChecker.Check<int, RegisterInput, int>(null!, [], Budget));
        Assert.Equal("model", error.ParamName);
    }

    [Fact]
    public void NullHistory()
    {
        var error = Assert.Throws<ArgumentNullException>(() => LinearizabilityChecker.Check(new RegisterModel(), null!, Budget));
        Assert.Equal("history", error.ParamName);
    }

    [Fact]
    public void NullOperationInTheHistory()
    {
        var error = Assert.Throws<ArgumentException>(() => LinearizabilityChecker.Check(new RegisterModel(), [W(0, 1, 0, 1), null!], Budget));
        Assert.Equal("history", error.ParamName);
        Assert.Contains("history[1]", error.Message);
    }

    [Fact]
    public void ReturnBeforeCall()
    {
        var error = Assert.Throws<ArgumentException>(() => W(0, 1, 10, 5));
        Assert.Equal("returnTime", error.ParamName);
    }

    [Fact]
    public void ReturnBeforeCallAsTimeSpans()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new Operation<RegisterInput, int>(0, RegisterInput.Read, 0, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)));
        Assert.Equal("returnTime", error.ParamName);
    }

    [Fact]
    public void CallAtInfinity()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new Operation<RegisterInput, int>(0, RegisterInput.Read, 0, long.MaxValue, long.MaxValue));
        Assert.Equal("callTime", error.ParamName);
    }

    [Fact]
    public void NegativeTimeout()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            LinearizabilityChecker.Check(new RegisterModel(), [W(0, 1, 0, 1)], TimeSpan.FromSeconds(-1)));
        Assert.Equal("timeout", error.ParamName);
    }

    [Fact]
    public void InfiniteTimeoutIsAllowed() =>
        Assert.Equal(CheckOutcome.Ok, LinearizabilityChecker.Check(new RegisterModel(), [W(0, 1, 0, 1)], Timeout.InfiniteTimeSpan).Outcome);

    [Fact]
    public void NullEvents()
    {
        var error = Assert.Throws<ArgumentNullException>(() =>
            LinearizabilityChecker.CheckEvents(new RegisterModel(), null!, Budget));
        Assert.Equal("events", error.ParamName);
    }

    [Theory]
    [InlineData("drops")]
    [InlineData("repeats")]
    [InlineData("out of range")]
    public void APartitionThatDoesNotCoverTheHistoryExactlyOnceIsTheModelsFault(string fault)
    {
        var model = new BadPartitions(fault);
        var error = Assert.Throws<ArgumentException>(() =>
            LinearizabilityChecker.Check(model, [W(0, 1, 0, 1), R(1, 1, 2, 3)], Budget));
        Assert.Equal("model", error.ParamName);
    }

    private sealed class BadPartitions(string fault) : Model<int, RegisterInput, int>
    {
        private readonly RegisterModel inner = new();

        public override int Init() => inner.Init();

        public override (bool Ok, int State) Step(int state, RegisterInput input, int output) => inner.Step(state, input, output);

        public override IReadOnlyList<HistoryPartition> Partition(IReadOnlyList<Operation<RegisterInput, int>> history) => fault switch
        {
            "drops" => [new HistoryPartition("a", [0])],
            "repeats" => [new HistoryPartition("a", [0, 1]), new HistoryPartition("b", [1])],
            _ => [new HistoryPartition("a", [0, 1, 2])],
        };
    }
}

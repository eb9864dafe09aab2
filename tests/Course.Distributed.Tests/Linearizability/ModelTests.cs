using Course.Distributed.Linearizability;

namespace Course.Distributed.Tests.Linearizability;

/// <summary>The ready-made models' sequential semantics, step by step.</summary>
public class ModelTests
{
    [Fact]
    public void RegisterReadsMustSeeTheStateAndWritesReplaceIt()
    {
        var model = new RegisterModel();

        Assert.Equal((true, 0), model.Step(0, RegisterInput.Read, 0));
        Assert.Equal((false, 0), model.Step(0, RegisterInput.Read, 1));
        Assert.Equal((true, 5), model.Step(0, RegisterInput.Write(5), 0));
        Assert.Equal((true, 5), model.StepPending(0, RegisterInput.Write(5)));
        Assert.Equal((true, 2), model.StepPending(2, RegisterInput.Read));
        Assert.Equal("read() → 3", model.DescribeOperation(RegisterInput.Read, 3));
        Assert.Equal("write(4)", model.DescribeOperation(RegisterInput.Write(4), 0));
    }

    [Fact]
    public void KeyValueGetPutAppend()
    {
        var model = new KeyValueModel();
        var s = model.Init();

        Assert.True(model.Step(s, KeyValueInput.Get("x"), "").Ok);
        s = model.Step(s, KeyValueInput.Put("x", "a"), null).State;
        s = model.Step(s, KeyValueInput.Append("x", "b"), null).State;
        s = model.Step(s, KeyValueInput.Append("y", "c"), null).State;
        Assert.Equal("ab", s.Get("x"));
        Assert.Equal("c", s.Get("y"));
        Assert.True(model.Step(s, KeyValueInput.Get("x"), "ab").Ok);
        Assert.False(model.Step(s, KeyValueInput.Get("x"), "a").Ok);
        Assert.False(model.Step(s, KeyValueInput.Get("x"), null).Ok);
        Assert.Equal("{x: \"ab\", y: \"c\"}", model.DescribeState(s));
        Assert.Equal("get(\"x\") → \"ab\"", model.DescribeOperation(KeyValueInput.Get("x"), "ab"));
        Assert.Equal("append(\"x\", \"b\")", model.DescribeOperation(KeyValueInput.Append("x", "b"), null));
    }

    [Fact]
    public void KeyValueStatesAreValuesAndAnEmptyValueIsAMissingKey()
    {
        var a = KeyValueState.Empty.Set("x", "1").Set("y", "2");
        var b = KeyValueState.Empty.Set("y", "2").Set("x", "1");

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, a.Set("x", "3"));
        Assert.Equal(KeyValueState.Empty, KeyValueState.Empty.Set("x", ""));
        Assert.Equal(KeyValueState.Empty.Set("y", "2"), a.Set("x", ""));
        Assert.Equal(2, a.Count);
        Assert.Equal("1", a.Get("x")); // a itself is unchanged by the Sets above
    }

    [Fact]
    public void KeyValuePartitionsAreOnePerKeyInOrdinalOrder()
    {
        Operation<KeyValueInput, string?>[] history =
            [Kv.Get(0, "b", "", 0, 1), Kv.Put(0, "a", "1", 2, 3), Kv.Get(1, "b", "", 0, 1), Kv.Get(1, "B", "", 0, 1)];

        var partitions = new KeyValueModel().Partition(history);

        Assert.Equal(["B", "a", "b"], partitions.Select(p => p.Key));
        Assert.Equal([0, 2], partitions[2].Operations);
    }

    [Fact]
    public void AModelFromFunctions()
    {
        // A counter whose increments return the new value.
        var counter = Model.Create<int, int, int>(
            init: () => 0,
            step: (s, by, result) => (result == s + by, s + by),
            describeOperation: (by, result) => $"add({by}) → {result}");
        Operation<int, int>[] concurrent = [new(0, 1, 1, 0, 10), new(1, 2, 3, 0, 10)];
        Operation<int, int>[] impossible = [new(0, 1, 1, 0, 10), new(1, 2, 2, 0, 10)];

        Assert.Equal(CheckOutcome.Ok, LinearizabilityChecker.Check(counter, concurrent, Reg.Budget).Outcome);
        var result = LinearizabilityChecker.Check(counter, impossible, Reg.Budget);
        Assert.Equal(CheckOutcome.Illegal, result.Outcome);
        Assert.Equal("add(2) → 2", result.Describe(1));
    }
}

using Course.Distributed.Linearizability;

namespace Course.Distributed.Tests.Linearizability;

/// <summary>Histories written as call and return events, in real-time order (porcupine's Event).</summary>
public class EventHistoryTests
{
    private static Event<RegisterInput, int> Call(int client, int id, RegisterInput input) => Event<RegisterInput, int>.Called(client, id, input);

    private static Event<RegisterInput, int> Ret(int client, int id, int output) => Event<RegisterInput, int>.Returned(client, id, output);

    [Fact]
    public void EventsArePairedIntoOperationsTimedByPosition()
    {
        var ops = History.FromEvents([Call(0, 7, RegisterInput.Write(1)), Call(1, 8, RegisterInput.Read), Ret(0, 7, 0), Ret(1, 8, 1)]);

        Assert.Equal(
            [
                new Operation<RegisterInput, int>(0, RegisterInput.Write(1), 0, 0, 2),
                new Operation<RegisterInput, int>(1, RegisterInput.Read, 1, 1, 3),
            ],
            ops);
    }

    [Fact]
    public void ACallWithoutAReturnNeverReturned()
    {
        var op = Assert.Single(History.FromEvents([Call(0, 1, RegisterInput.Write(4))]));

        Assert.True(op.IsPending);
        Assert.Equal(RegisterInput.Write(4), op.Input);
    }

    [Fact]
    public void CheckEventsGivesTheSameVerdicts()
    {
        var model = new RegisterModel();
        Event<RegisterInput, int>[] stale = [Call(0, 0, RegisterInput.Write(1)), Ret(0, 0, 0), Call(1, 1, RegisterInput.Read), Ret(1, 1, 0)];
        Event<RegisterInput, int>[] concurrent = [Call(0, 0, RegisterInput.Write(1)), Call(1, 1, RegisterInput.Read), Ret(0, 0, 0), Ret(1, 1, 0)];

        Assert.Equal(CheckOutcome.Illegal, LinearizabilityChecker.CheckEvents(model, stale, Reg.Budget).Outcome);
        Assert.Equal(CheckOutcome.Ok, LinearizabilityChecker.CheckEvents(model, concurrent, Reg.Budget).Outcome);
    }

    [Fact]
    public void AReturnWithoutACallIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => History.FromEvents([Ret(0, 1, 0)]));
        Assert.Equal("events", error.ParamName);
    }

    [Fact]
    public void ACallIdUsedTwiceIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            History.FromEvents([Call(0, 1, RegisterInput.Read), Ret(0, 1, 0), Call(0, 1, RegisterInput.Read)]));
        Assert.Equal("events", error.ParamName);
    }

    [Fact]
    public void AReturnToAnotherClientIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => History.FromEvents([Call(0, 1, RegisterInput.Read), Ret(1, 1, 0)]));
        Assert.Equal("events", error.ParamName);
    }
}

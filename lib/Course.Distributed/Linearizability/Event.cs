namespace Course.Distributed.Linearizability;

/// <summary>Whether an <see cref="Event{TInput, TOutput}"/> is the invocation or the response of an operation.</summary>
public enum EventKind
{
    Call,
    Return,
}

/// <summary>
/// One half of an operation, as a log written in real-time order records it (porcupine's Event).
/// <see cref="Id"/> pairs a call with its return; a call without a return is an operation that never returned.
/// </summary>
public sealed record Event<TInput, TOutput>(EventKind Kind, int ClientId, int Id, TInput? Input, TOutput? Output)
{
    public static Event<TInput, TOutput> Called(int clientId, int id, TInput input) =>
        new(EventKind.Call, clientId, id, input, default);

    public static Event<TInput, TOutput> Returned(int clientId, int id, TOutput output) =>
        new(EventKind.Return, clientId, id, default, output);
}

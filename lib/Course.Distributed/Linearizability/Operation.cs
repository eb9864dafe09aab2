namespace Course.Distributed.Linearizability;

/// <summary>
/// One operation as a client saw it: invoked at <see cref="Call"/>, answered at <see cref="Return"/>.
/// This is the "history" of Herlihy &amp; Wing (1990) folded into one record per operation, as porcupine's Operation.
/// Times are in any unit (ticks, nanoseconds, a logical clock) as long as a history uses one unit throughout.
/// </summary>
/// <remarks>
/// An operation whose client crashed or timed out never returns: give it <see cref="NeverReturned"/>
/// (or use <see cref="Pending(int, TInput, long)"/>). Its output is unknown and it may or may not have taken effect;
/// the checker tries both.
/// </remarks>
public sealed record Operation<TInput, TOutput>
{
    /// <summary>The return time of an operation that never returned: it stays open for ever.</summary>
    public const long NeverReturned = long.MaxValue;

    public Operation(int clientId, TInput input, TOutput output, long callTime, long returnTime)
    {
        if (callTime == NeverReturned)
            throw new ArgumentOutOfRangeException(nameof(callTime), "An operation must have been called at a finite time.");
        if (returnTime < callTime)
            throw new ArgumentException($"The return time {returnTime} precedes the call time {callTime}.", nameof(returnTime));
        ClientId = clientId;
        Input = input;
        Output = output;
        Call = callTime;
        Return = returnTime;
    }

    /// <summary>Times as offsets from the start of the run; <see cref="Timeout.InfiniteTimeSpan"/> or <see cref="TimeSpan.MaxValue"/> as return time means "never returned".</summary>
    public Operation(int clientId, TInput input, TOutput output, TimeSpan callTime, TimeSpan returnTime)
        : this(clientId, input, output, callTime.Ticks, IsNever(returnTime) ? NeverReturned : returnTime.Ticks)
    {
    }

    /// <summary>Which client issued it: one lane of the timeline.</summary>
    public int ClientId { get; }

    public TInput Input { get; }

    /// <summary>What the client received; meaningless (default) when <see cref="IsPending"/>.</summary>
    public TOutput Output { get; }

    public long Call { get; }

    public long Return { get; }

    /// <summary>True when the operation never returned (<see cref="Return"/> is <see cref="NeverReturned"/>).</summary>
    public bool IsPending => Return == NeverReturned;

    /// <summary>An operation that was called and never answered.</summary>
    public static Operation<TInput, TOutput> Pending(int clientId, TInput input, long callTime) =>
        new(clientId, input, default!, callTime, NeverReturned);

    /// <inheritdoc cref="Pending(int, TInput, long)"/>
    public static Operation<TInput, TOutput> Pending(int clientId, TInput input, TimeSpan callTime) =>
        new(clientId, input, default!, callTime.Ticks, NeverReturned);

    private static bool IsNever(TimeSpan t) => t == Timeout.InfiniteTimeSpan || t == TimeSpan.MaxValue;
}

namespace Course.Distributed.Transactions.Sagas;

public enum SagaLogEvent
{
    Started,
    /// <summary>Written with the command in the same commit, before the command can leave: "about to do".</summary>
    StepStarted,
    StepSucceeded,
    /// <summary>Refused by the participant, or timed out (<see cref="SagaLogEntry.Uncertain"/>: it may have run).</summary>
    StepFailed,
    CompensationStarted,
    CompensationSucceeded,
    Completed,
    Compensated,
}

/// <summary>
/// One record of the saga log (Garcia-Molina &amp; Salem §5: the saga execution component logs every begin and
/// end of a transaction and of a compensation, and recovery reads the log). The orchestrator's whole state is
/// this log; replaying it rebuilds every saga's state machine.
/// </summary>
public sealed record SagaLogEntry(
    OrderId Order,
    SagaLogEvent Event,
    SagaAction? Action = null,
    string? Reason = null,
    OrderDetails? Details = null,
    bool Uncertain = false)
{
    public override string ToString() =>
        $"{Order} {Event}{(Action is { } a ? $" {a}" : "")}{(Uncertain ? " (uncertain)" : "")}{(Reason is null ? "" : $": {Reason}")}";
}

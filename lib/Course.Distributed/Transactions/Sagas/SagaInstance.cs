namespace Course.Distributed.Transactions.Sagas;

/// <summary>
/// One saga's state machine, driven only by its log entries (<see cref="Apply"/>), so live execution and
/// recovery after a crash go through the same code. <see cref="Step"/> is the index into
/// <see cref="OrderSaga.Steps"/>: the step in flight or next going forward; the highest step that may still
/// need undoing while compensating.
/// </summary>
public sealed class SagaInstance
{
    private readonly List<SagaLogEntry> _log = [];

    internal SagaInstance(OrderId order, OrderDetails details)
    {
        Order = order;
        Details = details;
    }

    public OrderId Order { get; }
    public OrderDetails Details { get; }
    public SagaStatus Status { get; private set; }
    public int Step { get; private set; }

    /// <summary>The step or compensation whose reply the saga waits for; null between actions.</summary>
    public SagaAction? Awaiting { get; private set; }

    /// <summary>Why the saga turned back (the first failure).</summary>
    public string? FailureReason { get; private set; }

    public IReadOnlyList<SagaLogEntry> Log => _log;

    public bool IsFinished => Status is SagaStatus.Completed or SagaStatus.Compensated;

    /// <summary>When the orchestrator gives up on <see cref="Awaiting"/> (volatile: re-armed after a restart).</summary>
    internal TimeSpan? Deadline { get; set; }

    internal void Apply(SagaLogEntry e)
    {
        _log.Add(e);
        Deadline = null;
        switch (e.Event)
        {
            case SagaLogEvent.Started:
                Status = SagaStatus.Running;
                Step = 0;
                Awaiting = null;
                break;
            case SagaLogEvent.StepStarted or SagaLogEvent.CompensationStarted:
                Awaiting = e.Action;
                Step = OrderSaga.IndexOf(e.Action!.Value);
                break;
            case SagaLogEvent.StepSucceeded:
                Awaiting = null;
                Step = OrderSaga.IndexOf(e.Action!.Value) + 1;
                break;
            case SagaLogEvent.StepFailed:
                Status = SagaStatus.Compensating;
                Awaiting = null;
                FailureReason ??= e.Reason;
                // A refused step did nothing; a timed-out one may have run and is undone too.
                Step = OrderSaga.IndexOf(e.Action!.Value) - (e.Uncertain ? 0 : 1);
                break;
            case SagaLogEvent.CompensationSucceeded:
                Awaiting = null;
                Step = OrderSaga.IndexOf(e.Action!.Value) - 1;
                break;
            case SagaLogEvent.Completed:
                Status = SagaStatus.Completed;
                Awaiting = null;
                break;
            case SagaLogEvent.Compensated:
                Status = SagaStatus.Compensated;
                Awaiting = null;
                break;
        }
    }

    public override string ToString() =>
        $"{Order} {Status}{(Awaiting is { } a ? $", awaiting {a}" : "")}{(FailureReason is null ? "" : $" ({FailureReason})")}";
}

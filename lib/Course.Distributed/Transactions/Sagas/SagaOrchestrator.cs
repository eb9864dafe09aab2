namespace Course.Distributed.Transactions.Sagas;

/// <summary>
/// The saga execution coordinator of the orchestrated style: it interprets <see cref="OrderSaga.Steps"/> for
/// every order, sends one command at a time and waits for its reply. Every decision is a log entry appended
/// in the same commit as the command it licenses ("recorded before acting"), so after a crash the orchestrator
/// replays its log and resumes each saga exactly where it was — the command in flight is still in the outbox.
/// Replies that do not answer what a saga awaits (duplicates, late answers to a step it gave up on) are ignored.
/// </summary>
public sealed class SagaOrchestrator : ISagaHandler
{
    private readonly SagaOptions _options;
    private readonly SortedDictionary<OrderId, SagaInstance> _sagas = [];
    private readonly List<SagaLogEntry> _log = [];
    private bool _started;       // has handled anything: a later RestoreState is a rollback, not recovery
    private bool _resumePending; // recovered a non-empty log: say so at the first tick

    public SagaOrchestrator(SagaOptions? options = null) => _options = options ?? new SagaOptions();

    public string Endpoint => SagaEndpoints.Orchestrator;
    public IReadOnlyList<Type> Consumes { get; } = [typeof(PlaceOrder), typeof(SagaReply)];

    /// <summary>The saga log, oldest first: the orchestrator's only durable state.</summary>
    public IReadOnlyList<SagaLogEntry> Log => _log;

    public IReadOnlyCollection<SagaInstance> Sagas => _sagas.Values;

    public SagaInstance? Find(OrderId order) => _sagas.GetValueOrDefault(order);

    /// <summary>Sagas not yet completed or compensated.</summary>
    public int Active => _sagas.Values.Count(s => !s.IsFinished);

    public void Handle(SagaMessage message, ISagaContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _started = true;
        switch (message)
        {
            case PlaceOrder place when !_sagas.ContainsKey(place.Order):
                Append(context, new SagaLogEntry(place.Order, SagaLogEvent.Started, Details: place.Details));
                Advance(_sagas[place.Order], context);
                break;
            case PlaceOrder:
                break; // the same order placed again: its saga already runs
            case SagaReply reply:
                OnReply(reply, context);
                break;
        }
    }

    private void OnReply(SagaReply reply, ISagaContext context)
    {
        if (!_sagas.TryGetValue(reply.Order, out var saga) || saga.IsFinished || saga.Awaiting != reply.Action)
        {
            context.Note("stale-reply", $"{reply} ignored: {(saga is null ? "no such saga" : saga.ToString())}");
            return;
        }
        var step = OrderSaga.Steps[saga.Step];
        if (saga.Status == SagaStatus.Running)
        {
            if (reply.Succeeded)
                Append(context, new SagaLogEntry(saga.Order, SagaLogEvent.StepSucceeded, reply.Action));
            else if (step.Kind == SagaStepKind.Retriable)
                throw new InvalidOperationException($"{reply.Action} is a retriable step and must not be refused ({reply.Reason})");
            else
                Append(context, new SagaLogEntry(saga.Order, SagaLogEvent.StepFailed, reply.Action, reply.Reason ?? "refused"));
        }
        else if (reply.Succeeded)
            Append(context, new SagaLogEntry(saga.Order, SagaLogEvent.CompensationSucceeded, reply.Action));
        else
            // Compensations cannot be refused (Garcia-Molina & Salem); one that is needs a human: a poison message.
            throw new InvalidOperationException($"the compensation {reply.Action} of {saga.Order} was refused ({reply.Reason})");
        Advance(saga, context);
    }

    /// <summary>Takes the saga's next action, if it is not waiting for one: the next step, the next compensation, or the end.</summary>
    private void Advance(SagaInstance saga, ISagaContext context)
    {
        if (saga.Awaiting is not null || saga.IsFinished) return;
        if (saga.Status == SagaStatus.Running)
        {
            if (saga.Step >= OrderSaga.Steps.Count)
            {
                Append(context, new SagaLogEntry(saga.Order, SagaLogEvent.Completed));
                return;
            }
            var step = OrderSaga.Steps[saga.Step];
            Append(context, new SagaLogEntry(saga.Order, SagaLogEvent.StepStarted, step.Action));
            context.Emit(OrderSaga.Command(step.Action, saga.Order, saga.Details));
            if (step.Kind == SagaStepKind.Compensatable && _options.StepTimeout is { } timeout) saga.Deadline = context.Now + timeout;
            return;
        }
        for (var i = saga.Step; i >= 0; i--)
        {
            if (OrderSaga.Steps[i].Compensation is not { } compensation) continue;
            Append(context, new SagaLogEntry(saga.Order, SagaLogEvent.CompensationStarted, compensation));
            context.Emit(OrderSaga.Command(compensation, saga.Order, saga.Details, saga.FailureReason));
            return;
        }
        Append(context, new SagaLogEntry(saga.Order, SagaLogEvent.Compensated, Reason: saga.FailureReason));
    }

    /// <summary>Gives up on compensatable steps that have not answered in time; re-arms deadlines lost in a crash.</summary>
    public bool Tick(ISagaContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _started = true;
        if (_resumePending)
        {
            _resumePending = false;
            context.Note("resumed", $"replayed {_log.Count} log entries: {_sagas.Count} sagas, {Active} active");
        }
        if (_options.StepTimeout is not { } timeout) return false;
        var changed = false;
        foreach (var saga in _sagas.Values.Where(s => s.Status == SagaStatus.Running && s.Awaiting is not null).ToArray())
        {
            if (OrderSaga.Steps[saga.Step].Kind != SagaStepKind.Compensatable) continue;
            saga.Deadline ??= context.Now + timeout;
            if (context.Now < saga.Deadline) continue;
            Append(context, new SagaLogEntry(saga.Order, SagaLogEvent.StepFailed, saga.Awaiting,
                $"no reply to {saga.Awaiting} within {timeout.TotalSeconds:0.###} s", Uncertain: true));
            Advance(saga, context);
            changed = true;
        }
        return changed;
    }

    public byte[] SaveState() => SagaJson.Serialize(_log);

    /// <summary>Recovery: replay the log.</summary>
    public void RestoreState(byte[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _log.Clear();
        _sagas.Clear();
        foreach (var entry in SagaJson.Deserialize<SagaLogEntry[]>(state)) Replay(entry);
        _resumePending = !_started && _log.Count > 0;
    }

    private void Append(ISagaContext context, SagaLogEntry entry)
    {
        Replay(entry);
        context.Note("saga", entry.ToString());
    }

    private void Replay(SagaLogEntry entry)
    {
        if (entry.Event == SagaLogEvent.Started) _sagas[entry.Order] = new SagaInstance(entry.Order, entry.Details!);
        _sagas[entry.Order].Apply(entry);
        _log.Add(entry);
    }
}

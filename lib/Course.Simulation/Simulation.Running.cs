namespace Course.Simulation;

public sealed partial class Simulation<TMessage>
{
    /// <summary>Advances virtual time by <paramref name="duration"/>, processing every event due.</summary>
    public void RunFor(TimeSpan duration)
    {
        Guard.NonNegative(duration, nameof(duration));
        var end = Now + duration;
        while (_queue.TryPeek(out _, out var due) && due.Ticks <= end.Ticks) Step();
        Now = end;
    }

    /// <summary>
    /// Runs until <paramref name="condition"/> holds (checked after every event) or <paramref name="budget"/>
    /// of virtual time has passed. Returns whether the condition held — a run never hangs.
    /// </summary>
    public bool RunUntil(Func<bool> condition, TimeSpan budget)
    {
        ArgumentNullException.ThrowIfNull(condition);
        Guard.NonNegative(budget, nameof(budget));
        var end = Now + budget;
        if (condition()) return true;
        while (_queue.TryPeek(out _, out var due) && due.Ticks <= end.Ticks)
        {
            Step();
            if (condition()) return true;
        }
        Now = end;
        return condition();
    }

    /// <summary>Like <see cref="RunUntil"/>, but a missed deadline throws with the trace tail and the seed.</summary>
    public void RunUntilOrThrow(Func<bool> condition, TimeSpan budget, string what)
    {
        if (!RunUntil(condition, budget))
            throw new SimulationBudgetExceededException(
                $"{what}: not reached within {budget.TotalSeconds:F1} s of virtual time (seed {Seed}, now {Now.TotalSeconds:F3} s).\n{Trace.Tail()}");
    }

    /// <summary>Processes one event. Returns false when nothing is scheduled.</summary>
    public bool Step()
    {
        if (!_queue.TryDequeue(out var e, out var due)) return false;
        if (++_eventsProcessed > Options.MaxEvents)
            throw new SimulationBudgetExceededException(
                $"More than {Options.MaxEvents:N0} events by t={Now.TotalSeconds:F3} s (seed {Seed}): is something looping?");
        Now = TimeSpan.FromTicks(due.Ticks);
        switch (e)
        {
            case ScheduledEvent.Delivery d: Deliver(d); break;
            case ScheduledEvent.TickDue t: DoTick(t); break;
            case ScheduledEvent.Callback c: c.Action(); break;
        }
        return true;
    }

    private void DoTick(ScheduledEvent.TickDue t)
    {
        var slot = _slots[t.Node.Value];
        if (slot.Instance is null || slot.Incarnation != t.Incarnation) return; // a tick of a crashed incarnation
        Enqueue(Now + Options.TickInterval, t);
        RunNodeCode(slot, () => { slot.Instance.Tick(); return 0; }, "tick");
    }

    private TResult RunNodeCode<TResult>(NodeSlot slot, Func<TResult> code, string what)
    {
        try
        {
            return code();
        }
        catch (Exception ex) when (ex is not NodeFaultException and not SimulationBudgetExceededException)
        {
            throw new NodeFaultException(
                $"Node {slot.Id} threw during {what} at t={Now.TotalMilliseconds:F1} ms (seed {Seed}): {ex.Message}\n{Trace.Tail(20)}", ex);
        }
    }
}

namespace Course.Distributed.Transactions.Sagas;

/// <summary>Everything a handler may do to the outside world while it handles one input.</summary>
public interface ISagaContext
{
    /// <summary>Virtual time in the simulator, time since the host started over RabbitMQ.</summary>
    TimeSpan Now { get; }

    /// <summary>Seeded in the simulator, so a run (and its injected faults) replays exactly.</summary>
    Random Random { get; }

    /// <summary>
    /// Sends a message to whoever consumes its kind. Nothing leaves before the handler returns and the endpoint
    /// has committed: the transactional outbox (Richardson ch. 3) — a crash never sends what was not recorded.
    /// </summary>
    void Emit(SagaMessage message);

    /// <summary>A line for the trace (the simulator's notes; the RabbitMQ host's log).</summary>
    void Note(string category, string detail);
}

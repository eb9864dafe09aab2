namespace Course.Distributed.Transactions.Sagas;

public enum DeliveryStatus
{
    /// <summary>Handled for the first time; state, dedupe record and outgoing messages committed. Acknowledge it.</summary>
    Processed,
    /// <summary>Seen before (same message id): nothing changed, nothing emitted. Acknowledge it again.</summary>
    Duplicate,
    /// <summary>A transient failure: nothing committed. Do not acknowledge; deliver it again after a backoff.</summary>
    Transient,
    /// <summary>It can never be handled (misrouted, or the handler faulted): dead-letter it.</summary>
    Poison,
}

/// <summary>What an endpoint did with one delivery, and the messages it committed to its outbox.</summary>
public sealed record DeliveryOutcome(DeliveryStatus Status, IReadOnlyList<SagaMessage> Emitted, string? Reason = null)
{
    public static DeliveryOutcome Duplicate { get; } = new(DeliveryStatus.Duplicate, []);

    public override string ToString() =>
        $"{Status}{(Reason is null ? "" : $" ({Reason})")}{(Emitted.Count == 0 ? "" : $" → {string.Join(", ", Emitted)}")}";
}

/// <summary>A message that could not be handled, and why: kept for a human (the simulator's dead-letter queue).</summary>
public sealed record DeadLetter(SagaMessage Message, string Reason);

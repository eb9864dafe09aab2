using System.Text.Json.Serialization;

namespace Course.Distributed.Transactions.Sagas;

/// <summary>
/// Every message of both sagas: a command, a reply or an event about one order. <see cref="Id"/> is assigned
/// by the sending endpoint when the message is committed to its outbox, and stays the same on every
/// retransmission and redelivery — so the receiver can recognise a duplicate (Hohpe &amp; Woolf's idempotent
/// receiver). <see cref="Kind"/> is the routing key: who consumes a kind receives every message of it.
/// </summary>
public abstract record SagaMessage(OrderId Order)
{
    public string Id { get; init; } = "";

    [JsonIgnore]
    public string Kind => GetType().Name;

    /// <summary>The kind, refined where one kind covers several steps (a reply names the step it answers).</summary>
    [JsonIgnore]
    public virtual string Label => Kind;

    /// <summary>Extra words for traces (a reason, an outcome).</summary>
    protected virtual string Detail => "";

    public sealed override string ToString() => $"{Label} {Order}{Detail}{(Id.Length > 0 ? $" #{Id}" : "")}";
}

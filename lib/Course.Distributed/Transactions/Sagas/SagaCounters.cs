namespace Course.Distributed.Transactions.Sagas;

/// <summary>What the saga nodes of one simulation did, in total: the cost of at-least-once delivery made safe.</summary>
public sealed class SagaCounters
{
    /// <summary>Messages handled for the first time.</summary>
    public long Processed { get; internal set; }
    /// <summary>Deliveries recognised as duplicates and dropped (network duplicates, resends, redeliveries after a crash).</summary>
    public long Duplicates { get; internal set; }
    /// <summary>Deliveries that failed transiently and were retried after a backoff.</summary>
    public long TransientFailures { get; internal set; }
    /// <summary>Messages resent because an acknowledgement had not come back in time.</summary>
    public long Resends { get; internal set; }
    public long DeadLetters { get; internal set; }

    public override string ToString() =>
        $"{Processed} processed, {Duplicates} duplicates dropped, {TransientFailures} transient failures retried, {Resends} resends, {DeadLetters} dead letters";
}

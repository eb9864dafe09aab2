namespace Course.Distributed.Messaging;

/// <summary>What one host saw and did (thread-safe counters).</summary>
public sealed class RabbitHostStats
{
    private long _deliveries, _redeliveries, _processed, _duplicates, _transient, _deadLettered, _published, _duplicatesPublished;

    /// <summary>Deliveries from the broker, redeliveries included.</summary>
    public long Deliveries => Interlocked.Read(ref _deliveries);
    /// <summary>Deliveries the broker flagged as redelivered (the previous consumer did not ack, or nacked).</summary>
    public long Redeliveries => Interlocked.Read(ref _redeliveries);
    public long Processed => Interlocked.Read(ref _processed);
    public long Duplicates => Interlocked.Read(ref _duplicates);
    public long TransientFailures => Interlocked.Read(ref _transient);
    public long DeadLettered => Interlocked.Read(ref _deadLettered);
    /// <summary>Messages published and confirmed by the broker.</summary>
    public long Published => Interlocked.Read(ref _published);
    public long DuplicatesPublished => Interlocked.Read(ref _duplicatesPublished);

    internal void Delivered(bool redelivered)
    {
        Interlocked.Increment(ref _deliveries);
        if (redelivered) Interlocked.Increment(ref _redeliveries);
    }

    internal void OnProcessed() => Interlocked.Increment(ref _processed);
    internal void OnDuplicate() => Interlocked.Increment(ref _duplicates);
    internal void OnTransient() => Interlocked.Increment(ref _transient);
    internal void OnDeadLettered() => Interlocked.Increment(ref _deadLettered);
    internal void OnPublished() => Interlocked.Increment(ref _published);
    internal void OnDuplicatePublished() => Interlocked.Increment(ref _duplicatesPublished);

    public override string ToString() =>
        $"{Deliveries} deliveries ({Redeliveries} redelivered), {Processed} processed, {Duplicates} duplicates, {TransientFailures} transient, " +
        $"{DeadLettered} dead-lettered, {Published} published ({DuplicatesPublished} twice)";
}

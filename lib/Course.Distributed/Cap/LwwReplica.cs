namespace Course.Distributed.Cap;

/// <summary>
/// AP with last-writer-wins (Cassandra's, and Riak's with allow_mult off): a write is stamped with this
/// replica's clock and acknowledged at once; replicas keep, per key, the value with the highest timestamp.
/// Always available and convergent — but a read may be stale, and of two concurrent writes only one
/// survives, although both were acknowledged. With skewed clocks even a later write can lose to an earlier one.
/// </summary>
public sealed class LwwReplica(int antiEntropyTicks, TimeSpan clockOffset) : AntiEntropyReplica<LwwEntry>(antiEntropyTicks)
{
    private long _lastStamp = long.MinValue / 2;

    /// <summary>How far this replica's clock is ahead of true (virtual) time; negative when behind.</summary>
    public TimeSpan ClockOffset { get; } = clockOffset;

    protected override (ClientReply Reply, LwwEntry? Changed) Handle(ClientRequest request, LwwEntry? current)
    {
        if (request.Operation == CapOperation.Read)
            return (current is null
                ? ClientReply.Ok(request, [""], [CausalHistory.Empty])
                : ClientReply.Ok(request, [current.Value], [current.History]), null);

        // The local clock, kept monotonic: two writes here never share a stamp, and a later one never loses to an earlier one from here.
        _lastStamp = Math.Max((Context.Now + ClockOffset).Ticks, _lastStamp + 1);
        var history = (current?.History ?? CausalHistory.Empty).With(request.RequestId);
        var written = new LwwEntry(request.Value, new LwwTimestamp(_lastStamp, Context.Self.Value), history);
        // A value from a replica whose clock runs ahead can out-stamp this write: acknowledged all the same, and gone.
        var winner = current is not null && current.Timestamp > written.Timestamp ? current : written;
        return (ClientReply.Ok(request, [], [history]), winner);
    }

    protected override LwwEntry Merge(LwwEntry local, LwwEntry remote) => remote.Timestamp > local.Timestamp ? remote : local;

    protected override IReadOnlyList<string> ValuesOf(LwwEntry entry) => [entry.Value];

    protected override string Describe(LwwEntry entry) => $"{entry.Value}@{entry.Timestamp}";
}

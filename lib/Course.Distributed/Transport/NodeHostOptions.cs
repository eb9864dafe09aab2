namespace Course.Distributed.Transport;

/// <summary>How a <see cref="NodeHost{TMessage}"/> runs its node. The defaults suit a loopback cluster in a notebook.</summary>
public sealed record NodeHostOptions
{
    /// <summary>How often the node's <c>Tick</c> runs, on the real clock (10 ms, as in the simulator); zero for no ticks.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The node's disk. Null: a fresh temp directory that the host deletes when it stops (no restart possible).</summary>
    public string? StorageDirectory { get; init; }

    /// <summary>fsync every durable write. Off is faster and still survives a killed process, just not a power cut.</summary>
    public bool FlushToDisk { get; init; } = true;

    /// <summary>Shared by the hosts of one cluster, so their notes share one clock. Null: a log of the host's own.</summary>
    public EventLog? Events { get; init; }

    /// <summary>Counters to add to; pass the same instance to a restarted node to keep its totals. Null: fresh counters.</summary>
    public TransportStats? Stats { get; init; }

    /// <summary>Seed of the node's <see cref="Random"/> (election timeouts). Null: a random seed.</summary>
    public int? Seed { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Reconnects back off from <see cref="ReconnectMin"/>, doubling up to <see cref="ReconnectMax"/>.</summary>
    public TimeSpan ReconnectMin { get; init; } = TimeSpan.FromMilliseconds(10);

    public TimeSpan ReconnectMax { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Messages waiting for one peer's connection (or in the node's inbox) beyond this are dropped, as a congested network would.</summary>
    public int QueueCapacity { get; init; } = 4096;

    /// <summary>How long stopping waits for the node's thread and the I/O tasks to end.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(5);

    internal void Validate()
    {
        if (TickInterval < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(TickInterval), TickInterval, "TickInterval must not be negative.");
        if (ConnectTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(ConnectTimeout), ConnectTimeout, "ConnectTimeout must be positive.");
        if (ReconnectMin <= TimeSpan.Zero || ReconnectMax < ReconnectMin)
            throw new ArgumentOutOfRangeException(nameof(ReconnectMax), ReconnectMax, "Need 0 < ReconnectMin <= ReconnectMax.");
        if (QueueCapacity < 1) throw new ArgumentOutOfRangeException(nameof(QueueCapacity), QueueCapacity, "QueueCapacity must be positive.");
        if (StopTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(StopTimeout), StopTimeout, "StopTimeout must be positive.");
    }
}

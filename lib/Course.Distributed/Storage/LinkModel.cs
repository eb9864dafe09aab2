namespace Course.Distributed.Storage;

/// <summary>
/// What distance costs on the simulated network, so "nearest replica" and "pipelined writes" have measurable
/// effects. A message leaves through its sender's network card (one at a time, at <see cref="BytesPerSecond"/>),
/// crosses <c>distance</c> switch hops of <see cref="HopLatency"/> each, and a cross-rack transfer gets only a
/// share of the bandwidth (<see cref="CrossRackOversubscription"/>: racks share uplinks, the reason GFS §4.2 and
/// HDFS care about racks). The defaults are the GFS paper's 2003 test cluster (§6.1): 100 Mbps per machine.
/// </summary>
public sealed record LinkModel
{
    private readonly double _bytesPerSecond = 12_500_000;
    private readonly TimeSpan _hop = TimeSpan.FromMilliseconds(0.1);
    private readonly double _oversubscription = 4;

    public double BytesPerSecond
    {
        get => _bytesPerSecond;
        init => _bytesPerSecond = value > 0 && !double.IsNaN(value) ? value : throw new ArgumentOutOfRangeException(nameof(BytesPerSecond), value, "BytesPerSecond must be positive.");
    }

    public TimeSpan HopLatency
    {
        get => _hop;
        init => _hop = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(HopLatency), value, "HopLatency must not be negative.");
    }

    public double CrossRackOversubscription
    {
        get => _oversubscription;
        init => _oversubscription = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(CrossRackOversubscription), value, "CrossRackOversubscription must be at least 1.");
    }

    /// <summary>No modelled cost: every message goes straight to the network (e.g. over a real transport).</summary>
    public bool Disabled { get; init; }

    public static LinkModel Gfs2003 { get; } = new();
    public static LinkModel None { get; } = new() { Disabled = true };

    /// <summary>How long the sender's card is busy with <paramref name="bytes"/> (zero on the same host: no wire).</summary>
    public TimeSpan TransmissionTime(int bytes, int distance)
    {
        if (Disabled || distance == DfsTopology.SameHost) return TimeSpan.Zero;
        var rate = distance >= DfsTopology.OtherRack ? BytesPerSecond / CrossRackOversubscription : BytesPerSecond;
        return TimeSpan.FromTicks((long)Math.Ceiling(bytes / rate * TimeSpan.TicksPerSecond));
    }

    public TimeSpan Propagation(int distance) => Disabled ? TimeSpan.Zero : HopLatency * distance;

    public override string ToString() => Disabled
        ? "no link model"
        : $"{BytesPerSecond * 8 / 1e6:F0} Mbit/s per card, {HopLatency.TotalMilliseconds} ms per hop, cross-rack ÷{CrossRackOversubscription}";
}

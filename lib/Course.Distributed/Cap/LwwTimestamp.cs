namespace Course.Distributed.Cap;

/// <summary>
/// A last-writer-wins timestamp: the accepting replica's wall clock, ties broken by replica index so every
/// replica picks the same winner. The clock is the replica's own, skew included — which is how LWW drops a
/// write that came later in real time (DDIA ch. 8, "Timestamps for ordering events").
/// </summary>
public readonly record struct LwwTimestamp(long ClockTicks, int Replica) : IComparable<LwwTimestamp>
{
    public int CompareTo(LwwTimestamp other) =>
        ClockTicks != other.ClockTicks ? ClockTicks.CompareTo(other.ClockTicks) : Replica.CompareTo(other.Replica);

    public static bool operator >(LwwTimestamp a, LwwTimestamp b) => a.CompareTo(b) > 0;
    public static bool operator <(LwwTimestamp a, LwwTimestamp b) => a.CompareTo(b) < 0;
    public static bool operator >=(LwwTimestamp a, LwwTimestamp b) => a.CompareTo(b) >= 0;
    public static bool operator <=(LwwTimestamp a, LwwTimestamp b) => a.CompareTo(b) <= 0;

    public override string ToString() => $"{TimeSpan.FromTicks(ClockTicks).TotalMilliseconds:F1}ms@r{Replica}";
}

/// <summary>A key's value in the LWW store, the timestamp of the write that produced it, and (for measuring only) its causal history.</summary>
public sealed record LwwEntry(string Value, LwwTimestamp Timestamp, CausalHistory History);

namespace Course.Distributed.Dht;

/// <summary>
/// Arithmetic on Chord's identifier circle of 2^m points (Stoica et al. 2001, §4.1). Ids are ulongs masked to
/// m bits; every interval is walked clockwise, so (a, b) with a = b is the whole circle minus a.
/// </summary>
public sealed class ChordRing
{
    public ChordRing(int bits)
    {
        if (bits is < 1 or > 64) throw new ArgumentOutOfRangeException(nameof(bits), bits, "Chord ids have 1..64 bits.");
        Bits = bits;
        Mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
    }

    /// <summary>m: the circle has 2^m identifiers.</summary>
    public int Bits { get; }

    public ulong Mask { get; }

    /// <summary>Clockwise distance from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public ulong Distance(ulong from, ulong to) => (to - from) & Mask;

    /// <summary>The start of finger i (0-based): n + 2^i mod 2^m.</summary>
    public ulong FingerStart(ulong n, int i) => (n + (1UL << i)) & Mask;

    /// <summary>x ∈ (a, b), clockwise.</summary>
    public bool InOpen(ulong x, ulong a, ulong b)
    {
        var dx = Distance(a, x);
        var db = Distance(a, b);
        return dx != 0 && (db == 0 || dx < db);
    }

    /// <summary>x ∈ (a, b], clockwise; (a, a] is the whole circle (a one-node ring owns every key).</summary>
    public bool InHalfOpen(ulong x, ulong a, ulong b)
    {
        var db = Distance(a, b);
        if (db == 0) return true;
        var dx = Distance(a, x);
        return dx != 0 && dx <= db;
    }
}

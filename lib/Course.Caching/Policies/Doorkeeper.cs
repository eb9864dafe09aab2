using System.Collections;

namespace Course.Caching.Policies;

/// <summary>
/// TinyLFU's doorkeeper (Einziger et al., TOS 2017, §3.4.2): a small Bloom filter in front of the sketch. A key's
/// first occurrence only sets its bits here; only repeat occurrences reach the sketch, so the long tail of
/// one-hit wonders does not crowd the counters. Cleared on every sketch reset.
/// </summary>
public sealed class Doorkeeper<TKey>(int bits) where TKey : notnull
{
    private readonly BitArray _bits = new(Math.Max(64, bits));

    /// <summary>Marks the key; true if it was (probably) seen before.</summary>
    public bool Put(TKey key)
    {
        var (a, b) = Indexes(key);
        var seen = _bits[a] && _bits[b];
        _bits[a] = _bits[b] = true;
        return seen;
    }

    public bool Contains(TKey key)
    {
        var (a, b) = Indexes(key);
        return _bits[a] && _bits[b];
    }

    public void Clear() => _bits.SetAll(false);

    private (int, int) Indexes(TKey key)
    {
        var h = (uint)EqualityComparer<TKey>.Default.GetHashCode(key) * 0x9E3779B97F4A7C15UL;
        return ((int)((h >> 32) % (ulong)_bits.Length), (int)((h ^ (h >> 29)) * 0xBF58476D1CE4E5B9UL % (ulong)_bits.Length));
    }
}

namespace Course.Distributed.Hashing;

/// <summary>
/// The 64-bit hash every scheme here uses: FNV-1a over the key's UTF-16 code units, then the SplitMix64
/// finaliser (Steele, Lea &amp; Flood 2014) so that keys differing in one character land far apart.
/// Written out rather than taken from string.GetHashCode, which is randomised per process: a placement
/// must be the same on every machine and in every notebook run.
/// </summary>
public static class KeyHash
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>The hash of <paramref name="key"/> (stable across processes and platforms).</summary>
    public static ulong Of(string key) => Of(key, 0);

    /// <summary>The hash of <paramref name="key"/> under <paramref name="seed"/>: independent-looking hash functions for one key.</summary>
    public static ulong Of(string key, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(key);
        var h = FnvOffset ^ Mix(seed);
        foreach (var c in key)
        {
            h = (h ^ (byte)c) * FnvPrime;
            h = (h ^ (byte)(c >> 8)) * FnvPrime;
        }
        return Mix(h);
    }

    /// <summary>
    /// The SplitMix64 finaliser (Stafford's "Mix13"): a bijection on 64 bits with full avalanche, so two
    /// different inputs always give two different outputs.
    /// </summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary><paramref name="count"/> pseudo-random key hashes from <paramref name="seed"/> (SplitMix64's sequence): the same seed gives the same keys.</summary>
    public static ulong[] SampleKeys(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var keys = new ulong[count];
        // Start the sequence at a mixed seed: seeds 1 and 2 must give unrelated keys, not one sequence shifted by one.
        var state = Mix((ulong)seed ^ 0x632BE59BD9B4E019UL);
        for (var i = 0; i < count; i++)
        {
            state += 0x9E3779B97F4A7C15UL;
            keys[i] = Mix(state);
        }
        return keys;
    }

    /// <summary>Where a hash falls on the unit circle [0, 1): the angle a ring diagram draws it at.</summary>
    public static double Position(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));
}

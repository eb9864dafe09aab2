namespace Course.Distributed.Partitioning;

/// <summary>
/// A stable 64-bit hash of a key (FNV-1a, then a SplitMix64 finaliser so nearby keys spread). Never
/// string.GetHashCode: it is randomised per process, and partitions must be the same on every machine.
/// </summary>
public static class KeyHash
{
    public static ulong Of(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = 14695981039346656037UL;
        foreach (var ch in key)
        {
            hash ^= ch;
            hash *= 1099511628211UL;
        }
        return Mix(hash);
    }

    internal static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    internal static ulong Combine(ulong a, ulong b) => Mix(a ^ Mix(b + 0x632BE59BD9B4E019UL));
}

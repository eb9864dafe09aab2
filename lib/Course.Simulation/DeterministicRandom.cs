namespace Course.Simulation;

/// <summary>
/// Derives independent, reproducible seeds (SplitMix64). Never HashCode.Combine: it is randomised per process,
/// and a replay must give the same run on any machine.
/// </summary>
public static class DeterministicRandom
{
    public static int DeriveSeed(int seed, params long[] parts)
    {
        var x = (ulong)(uint)seed;
        foreach (var p in parts) x = Mix(x ^ (ulong)p);
        return (int)(Mix(x) & 0x7FFF_FFFF);
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

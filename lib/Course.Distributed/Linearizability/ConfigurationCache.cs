namespace Course.Distributed.Linearizability;

/// <summary>
/// The configurations (linearized set, state) already reached. Two search paths that linearized the same operations
/// and ended in the same state have the same future, so the second is cut off: Lowe's (2017) memoization, porcupine's cache.
/// </summary>
internal sealed class ConfigurationCache<TState>(IEqualityComparer<TState> states)
{
    private readonly HashSet<Configuration> seen = new(new ConfigurationComparer(states));

    public int Count => seen.Count;

    /// <summary>Records the configuration; false if it had been reached before.</summary>
    public bool TryAdd(LinearizedSet linearized, TState state)
    {
        var hash = HashCode.Combine(linearized.Hash, states.GetHashCode(state!));
        if (seen.Contains(new Configuration(linearized.Live, state, hash)))
            return false;
        seen.Add(new Configuration(linearized.Snapshot(), state, hash));
        return true;
    }

    private readonly record struct Configuration(LinearizedSet.Window Linearized, TState State, int Hash);

    private sealed class ConfigurationComparer(IEqualityComparer<TState> states) : IEqualityComparer<Configuration>
    {
        public bool Equals(Configuration a, Configuration b) =>
            a.Hash == b.Hash && a.Linearized.SameSet(b.Linearized) && states.Equals(a.State, b.State);

        public int GetHashCode(Configuration c) => c.Hash;
    }
}

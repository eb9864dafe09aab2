using System.Diagnostics.CodeAnalysis;
using Course.Simulation;

namespace Course.Caching;

/// <summary>
/// What every single-threaded policy shares: the capacity check, null-key checks and the hit/miss accounting,
/// so a policy holds only its own bookkeeping. Derive from it in the exercise, too.
/// </summary>
public abstract class CacheBase<TKey, TValue> : ICache<TKey, TValue> where TKey : notnull
{
    private long _hits, _misses;

    protected CacheBase(int capacity) => Capacity = Guard.Positive(capacity, nameof(capacity));

    public abstract string Name { get; }
    public int Capacity { get; }
    public abstract int Count { get; }
    public CacheStats Stats => new(_hits, _misses);

    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        CheckKey(key);
        var hit = Lookup(key, out value);
        if (hit) _hits++; else _misses++;
        return hit;
    }

    public void Set(TKey key, TValue value)
    {
        CheckKey(key);
        Store(key, value);
        if (Count > Capacity) throw new InvalidOperationException($"{Name} holds {Count} entries, over its capacity {Capacity}: a policy bug.");
    }

    public bool ContainsKey(TKey key)
    {
        CheckKey(key);
        return Contains(key);
    }

    /// <summary>The access: on a hit, update recency/frequency and return the value.</summary>
    protected abstract bool Lookup(TKey key, [MaybeNullWhen(false)] out TValue value);

    /// <summary>Insert or replace, evicting as the policy decides.</summary>
    protected abstract void Store(TKey key, TValue value);

    protected abstract bool Contains(TKey key);

    private static void CheckKey(TKey key)
    {
        if (key is null) throw new ArgumentNullException(nameof(key), "A cache key must not be null.");
    }

    public override string ToString() => $"{Name}(capacity {Capacity}): {Count} entries, {Stats}";
}

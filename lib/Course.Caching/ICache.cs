using System.Diagnostics.CodeAnalysis;

namespace Course.Caching;

/// <summary>
/// The one interface every eviction policy implements: a bounded map that counts its hits and misses.
/// Capacity is in entries (every entry costs 1). <see cref="TryGet"/> is the access the policy learns from;
/// <see cref="Set"/> after a miss is the fill, where the policy decides what to evict (or, for admission
/// policies such as W-TinyLFU and Bélády, whether to keep the new entry at all).
/// </summary>
public interface ICache<TKey, TValue> where TKey : notnull
{
    /// <summary>The policy's name as the literature spells it (LRU, ARC, W-TinyLFU, …).</summary>
    string Name { get; }

    int Capacity { get; }

    int Count { get; }

    CacheStats Stats { get; }

    /// <summary>An access: a hit updates the policy's state and returns the value; a miss is counted.</summary>
    bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value);

    /// <summary>Stores (or replaces) the value; may evict other entries, never grows past <see cref="Capacity"/>.</summary>
    void Set(TKey key, TValue value);

    /// <summary>Whether the key is cached now, without counting an access or touching the policy's state.</summary>
    bool ContainsKey(TKey key);
}

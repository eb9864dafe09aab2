using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Course.Caching.Concurrent;

/// <summary>
/// A thread-safe, bounded pseudo-LRU for production use, after BitFaster.Caching's ConcurrentLru ("TU-Q": hot,
/// warm and cold queues; itself after the 2Q / segmented-LRU family).
/// <para>Why this design: a true LRU moves an entry on every hit, so every reader writes shared list pointers and
/// needs a lock (striping the lock only splits the contention and the recency order). Here a hit is a dictionary
/// read plus setting the entry's <c>Accessed</c> bit: reads take no lock and write at most one bool. Order is
/// maintained only on writes, which take one lock: a new entry enters <em>hot</em>; when hot overflows, its oldest
/// entry moves to <em>warm</em> if it was read meanwhile, else to <em>cold</em>; warm recycles read entries and
/// demotes the rest to cold; the victim is cold's oldest unread entry (a read one gets a second chance in warm).
/// A one-time scan passes hot → cold → out without touching warm, so it is also scan-resistant.</para>
/// <para>Guarantees: the count never exceeds the capacity (eviction happens before insertion, under the lock);
/// each key maps to exactly one live entry; values of types the hardware cannot write atomically are replaced
/// by a new entry instead of written in place, so a reader never sees a torn value.</para>
/// </summary>
public sealed class ConcurrentLru<TKey, TValue> : ICache<TKey, TValue> where TKey : notnull
{
    // A reference, or a primitive no wider than a pointer, is written atomically: update it in place.
    private static readonly bool ValueIsAtomic = !typeof(TValue).IsValueType || (typeof(TValue).IsPrimitive && Unsafe.SizeOf<TValue>() <= IntPtr.Size);

    private readonly ConcurrentDictionary<TKey, LruItem<TKey, TValue>> _map;
    private readonly Queue<LruItem<TKey, TValue>> _hot = new(), _warm = new(), _cold = new();
    private readonly Lock _writeLock = new();
    private readonly StripedCounter _hits = new(), _misses = new();
    private int _count;

    public ConcurrentLru(int capacity, IEqualityComparer<TKey>? comparer = null)
    {
        Capacity = Course.Simulation.Guard.Positive(capacity, nameof(capacity));
        // BitFaster's default split favours warm: 10% hot, 80% warm, the rest cold.
        HotCapacity = Math.Max(1, capacity / 10);
        WarmCapacity = Math.Max(1, capacity * 8 / 10);
        _map = new ConcurrentDictionary<TKey, LruItem<TKey, TValue>>(Environment.ProcessorCount, capacity, comparer ?? EqualityComparer<TKey>.Default);
    }

    public string Name => "ConcurrentLru (TU-Q)";
    public int Capacity { get; }
    public int HotCapacity { get; }
    public int WarmCapacity { get; }
    public int Count => Volatile.Read(ref _count);
    public CacheStats Stats => new(_hits.Sum(), _misses.Sum());

    /// <summary>Lock-free: a dictionary read and, the first time since the last cycle, one bool write.</summary>
    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (key is null) ThrowNullKey();
        if (_map.TryGetValue(key, out var item))
        {
            if (!item.Accessed) item.Accessed = true; // read first: no cache-line write on the hot path
            value = item.Value;
            _hits.Increment();
            return true;
        }
        _misses.Increment();
        value = default;
        return false;
    }

    public bool ContainsKey(TKey key)
    {
        if (key is null) ThrowNullKey();
        return _map.ContainsKey(key);
    }

    public void Set(TKey key, TValue value)
    {
        if (key is null) ThrowNullKey();
        if (ValueIsAtomic && _map.TryGetValue(key, out var existing))
        {
            existing.Value = value; // lock-free update; racing an eviction it may vanish, as if evicted just after
            existing.Accessed = true;
            return;
        }
        lock (_writeLock) AddOrReplace(key, value);
    }

    /// <summary>The value for the key, created by <paramref name="factory"/> on a miss (outside the lock: a slow or
    /// re-entrant factory blocks nobody; if two threads race, the first stored value wins and both return it).</summary>
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (TryGet(key, out var cached)) return cached;
        var created = factory(key);
        lock (_writeLock)
        {
            if (_map.TryGetValue(key, out var winner)) return winner.Value;
            AddOrReplace(key, created);
            return created;
        }
    }

    public bool TryRemove(TKey key)
    {
        if (key is null) ThrowNullKey();
        lock (_writeLock)
        {
            if (!_map.TryRemove(key, out var item)) return false;
            item.Removed = true; // its queue slot is dropped when the queue reaches it
            _count--;
            return true;
        }
    }

    private void AddOrReplace(TKey key, TValue value)
    {
        var item = new LruItem<TKey, TValue>(key, value);
        if (_map.TryGetValue(key, out var old))
        {
            old.Removed = true; // replaced, not added: the count stays
            _map[key] = item;
        }
        else
        {
            if (_count == Capacity) EvictOne();
            _map[key] = item;
            _count++;
        }
        _hot.Enqueue(item);
        while (_hot.Count > HotCapacity) CycleHot();
    }

    private void CycleHot()
    {
        var item = _hot.Dequeue();
        if (item.Removed) return;
        if (item.Accessed) { item.Accessed = false; ToWarm(item); }
        else _cold.Enqueue(item);
    }

    private void ToWarm(LruItem<TKey, TValue> item)
    {
        _warm.Enqueue(item);
        // Read entries go round again (bounded: readers may set bits as fast as we clear them); the rest go cold.
        for (var tries = 0; _warm.Count > WarmCapacity; tries++)
        {
            var head = _warm.Dequeue();
            if (head.Removed) continue;
            if (head.Accessed && tries <= WarmCapacity) { head.Accessed = false; _warm.Enqueue(head); }
            else _cold.Enqueue(head);
        }
    }

    /// <summary>Removes exactly one live entry: cold's oldest unread one, refilling cold from warm, then hot.</summary>
    private void EvictOne()
    {
        for (var tries = 0; ; tries++)
        {
            if (_cold.Count == 0) _cold.Enqueue(_warm.Count > 0 ? _warm.Dequeue() : _hot.Dequeue());
            var item = _cold.Dequeue();
            if (item.Removed) continue;
            if (item.Accessed && tries <= 2 * Capacity) { item.Accessed = false; ToWarm(item); continue; }
            item.Removed = true;
            _map.TryRemove(new KeyValuePair<TKey, LruItem<TKey, TValue>>(item.Key, item)); // only this entry, never a newer one
            _count--;
            return;
        }
    }

    /// <summary>
    /// Bookkeeping checked when quiet (tests, after the threads have joined): the count matches the map; every
    /// mapped entry sits in exactly one queue; no live queue entry is unmapped. Null when all hold.
    /// </summary>
    internal string? InvariantViolation()
    {
        lock (_writeLock)
        {
            if (_count != _map.Count) return $"count {_count} but {_map.Count} mapped";
            if (_count > Capacity) return $"count {_count} over capacity {Capacity}";
            var live = _hot.Concat(_warm).Concat(_cold).Where(i => !i.Removed).ToList();
            if (live.Count != _map.Count) return $"{live.Count} live queue entries but {_map.Count} mapped";
            foreach (var i in live)
                if (!_map.TryGetValue(i.Key, out var mapped) || !ReferenceEquals(mapped, i)) return $"queue entry {i.Key} is not the mapped one";
            return null;
        }
    }

    [DoesNotReturn]
    private static void ThrowNullKey() => throw new ArgumentNullException("key", "A cache key must not be null.");
}

/// <summary>One entry: the key, the value, and the two flags the queues read.</summary>
internal sealed class LruItem<TKey, TValue>(TKey key, TValue value)
{
    public readonly TKey Key = key;
    public TValue Value = value;
    public volatile bool Removed;
    public bool Accessed;
}

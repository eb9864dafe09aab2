using System.Diagnostics.CodeAnalysis;

namespace Course.Caching.Policies;

/// <summary>
/// Bélády's MIN (Bélády 1966, "A study of replacement algorithms for a virtual-storage computer"): knowing the
/// whole future, evict the entry whose next use is farthest away. It is offline, so it is the ceiling every
/// online policy is measured against, not a policy to deploy. This version may also decline to cache the missed
/// key when that key's own next use is the farthest (MIN with bypass): admission policies such as W-TinyLFU can
/// bypass too, and without it MIN could be beaten (capacity 1, trace A B A: bypassing B keeps A).
/// The cache must be driven in trace order: each <see cref="ICache{TKey,TValue}.TryGet"/> is the next request.
/// </summary>
public sealed class BeladyCache<TKey, TValue> : CacheBase<TKey, TValue> where TKey : notnull
{
    private const int Never = int.MaxValue;
    private readonly TKey[] _trace;
    private readonly int[] _nextUse; // _nextUse[i]: the next position after i that requests _trace[i]
    private readonly Dictionary<TKey, (TValue Value, int NextUse)> _resident = [];
    private readonly PriorityQueue<TKey, int> _farthestFirst = new(Comparer<int>.Create((a, b) => b.CompareTo(a)));
    private int _cursor;
    private (TKey Key, int NextUse)? _lastMiss;

    public BeladyCache(int capacity, IReadOnlyList<TKey> trace) : base(capacity)
    {
        ArgumentNullException.ThrowIfNull(trace);
        _trace = [.. trace];
        _nextUse = new int[_trace.Length];
        var seenAt = new Dictionary<TKey, int>();
        for (var i = _trace.Length - 1; i >= 0; i--)
        {
            if (_trace[i] is null) throw new ArgumentException($"The trace has a null key at position {i}.", nameof(trace));
            _nextUse[i] = seenAt.TryGetValue(_trace[i], out var next) ? next : Never;
            seenAt[_trace[i]] = i;
        }
    }

    public override string Name => "Bélády (MIN)";
    public override int Count => _resident.Count;

    /// <summary>How many requests of the trace have been served.</summary>
    public int Position => _cursor;

    protected override bool Lookup(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_cursor >= _trace.Length)
            throw new InvalidOperationException($"Bélády knows a trace of {_trace.Length} requests; request #{_cursor + 1} ({key}) is past its end.");
        if (!EqualityComparer<TKey>.Default.Equals(_trace[_cursor], key))
            throw new InvalidOperationException($"Bélády replays its trace in order: request #{_cursor} should be {_trace[_cursor]}, not {key}.");
        var next = _nextUse[_cursor++];
        _lastMiss = null;
        if (_resident.TryGetValue(key, out var entry))
        {
            _resident[key] = (entry.Value, next);
            _farthestFirst.Enqueue(key, next);
            value = entry.Value;
            return true;
        }
        _lastMiss = (key, next);
        value = default;
        return false;
    }

    protected override void Store(TKey key, TValue value)
    {
        if (_resident.TryGetValue(key, out var entry))
        {
            _resident[key] = (value, entry.NextUse);
            return;
        }
        if (_lastMiss is not { } miss || !EqualityComparer<TKey>.Default.Equals(miss.Key, key))
            throw new InvalidOperationException($"Bélády can only fill the key of the request that just missed, not {key}.");
        _lastMiss = null;
        if (_resident.Count == Capacity)
        {
            var (farthest, farthestUse) = PeekFarthest();
            if (farthestUse <= miss.NextUse) return; // the new key is needed last of all: do not cache it
            _farthestFirst.Dequeue();
            _resident.Remove(farthest);
        }
        _resident[key] = (value, miss.NextUse);
        _farthestFirst.Enqueue(key, miss.NextUse);
    }

    protected override bool Contains(TKey key) => _resident.ContainsKey(key);

    /// <summary>The resident key used farthest in the future; stale heap entries (older next uses) are dropped lazily.</summary>
    private (TKey Key, int NextUse) PeekFarthest()
    {
        while (true)
        {
            _farthestFirst.TryPeek(out var key, out var use);
            if (_resident.TryGetValue(key!, out var entry) && entry.NextUse == use) return (key!, use);
            _farthestFirst.Dequeue();
        }
    }
}

using System.Diagnostics.CodeAnalysis;

namespace Course.Caching.Policies;

/// <summary>
/// Least recently used: a hash map to list nodes plus a recency list, O(1) per operation. Every hit moves its
/// entry to the front, which is the write (and the lock, when shared) that concurrent designs try to avoid.
/// One large scan flushes it completely: the weakness ARC and W-TinyLFU fix.
/// </summary>
public sealed class LruCache<TKey, TValue>(int capacity) : CacheBase<TKey, TValue>(capacity) where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<KeyValuePair<TKey, TValue>>> _map = [];
    private readonly LinkedList<KeyValuePair<TKey, TValue>> _recency = []; // First = most recent, Last = victim

    public override string Name => "LRU";
    public override int Count => _map.Count;

    /// <summary>Keys from most to least recently used (for tests and diagrams).</summary>
    public IEnumerable<TKey> KeysByRecency => _recency.Select(e => e.Key);

    protected override bool Lookup(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (!_map.TryGetValue(key, out var node)) { value = default; return false; }
        MoveToFront(node);
        value = node.Value.Value;
        return true;
    }

    protected override void Store(TKey key, TValue value)
    {
        if (_map.TryGetValue(key, out var node))
        {
            node.Value = new(key, value);
            MoveToFront(node);
            return;
        }
        if (_map.Count == Capacity)
        {
            _map.Remove(_recency.Last!.Value.Key);
            _recency.RemoveLast();
        }
        _map[key] = _recency.AddFirst(new KeyValuePair<TKey, TValue>(key, value));
    }

    protected override bool Contains(TKey key) => _map.ContainsKey(key);

    private void MoveToFront(LinkedListNode<KeyValuePair<TKey, TValue>> node)
    {
        _recency.Remove(node);
        _recency.AddFirst(node);
    }
}

using System.Diagnostics.CodeAnalysis;

namespace Course.Caching.Policies;

/// <summary>
/// First in, first out: evict the entry that was inserted longest ago, whatever its use. A hit changes nothing,
/// so a hit costs no writes (why FIFO-like designs scale); the price is evicting hot entries on schedule.
/// </summary>
public sealed class FifoCache<TKey, TValue>(int capacity) : CacheBase<TKey, TValue>(capacity) where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<KeyValuePair<TKey, TValue>>> _map = [];
    private readonly LinkedList<KeyValuePair<TKey, TValue>> _queue = []; // First = newest, Last = oldest

    public override string Name => "FIFO";
    public override int Count => _map.Count;

    protected override bool Lookup(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        var found = _map.TryGetValue(key, out var node);
        value = found ? node!.Value.Value : default;
        return found;
    }

    protected override void Store(TKey key, TValue value)
    {
        if (_map.TryGetValue(key, out var node))
        {
            node.Value = new(key, value); // a replace keeps its place in the queue
            return;
        }
        if (_map.Count == Capacity)
        {
            _map.Remove(_queue.Last!.Value.Key);
            _queue.RemoveLast();
        }
        _map[key] = _queue.AddFirst(new KeyValuePair<TKey, TValue>(key, value));
    }

    protected override bool Contains(TKey key) => _map.ContainsKey(key);
}

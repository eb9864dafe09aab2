using System.Diagnostics.CodeAnalysis;

namespace Course.Caching.Policies;

/// <summary>
/// Least frequently used in O(1) per operation (Shah, Mitra &amp; Matani 2010, "An O(1) algorithm for implementing
/// the LFU cache eviction scheme"): a list of frequency nodes in increasing order, each holding the entries used
/// exactly that often. A use moves an entry to the next node (created if its frequency is missing); the victim is
/// in the first node. Ties within a frequency go to the least recently used, a common refinement the paper
/// leaves open. Counts live only while resident ("in-cache LFU"), so a once-hot entry that was evicted starts
/// again from 1; old counts never decay, which is why a formerly hot set can squat in the cache (see the
/// shifting-hot-set workload).
/// </summary>
public sealed class LfuCache<TKey, TValue>(int capacity) : CacheBase<TKey, TValue>(capacity) where TKey : notnull
{
    private sealed class FrequencyNode(long frequency)
    {
        public readonly long Frequency = frequency;
        public readonly LinkedList<Entry> Entries = []; // First = most recently used at this frequency
        public FrequencyNode? Previous, Next;
    }

    private sealed class Entry(TKey key, TValue value, FrequencyNode parent)
    {
        public readonly TKey Key = key;
        public TValue Value = value;
        public FrequencyNode Parent = parent;
    }

    private readonly Dictionary<TKey, LinkedListNode<Entry>> _map = [];
    private FrequencyNode? _lowest; // head of the frequency list

    public override string Name => "LFU";
    public override int Count => _map.Count;

    /// <summary>The current use count of a resident key (null when absent); for tests and charts.</summary>
    public long? FrequencyOf(TKey key) => _map.TryGetValue(key, out var n) ? n.Value.Parent.Frequency : null;

    protected override bool Lookup(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (!_map.TryGetValue(key, out var node)) { value = default; return false; }
        Promote(node);
        value = node.Value.Value;
        return true;
    }

    protected override void Store(TKey key, TValue value)
    {
        if (_map.TryGetValue(key, out var existing))
        {
            existing.Value.Value = value;
            Promote(existing);
            return;
        }
        if (_map.Count == Capacity) EvictOne();
        var ones = _lowest is { Frequency: 1 } ? _lowest : InsertAfter(null, 1);
        _map[key] = ones.Entries.AddFirst(new Entry(key, value, ones));
    }

    protected override bool Contains(TKey key) => _map.ContainsKey(key);

    private void Promote(LinkedListNode<Entry> node)
    {
        var from = node.Value.Parent;
        var to = from.Next is { } next && next.Frequency == from.Frequency + 1 ? next : InsertAfter(from, from.Frequency + 1);
        from.Entries.Remove(node);
        to.Entries.AddFirst(node);
        node.Value.Parent = to;
        if (from.Entries.Count == 0) Unlink(from);
    }

    private void EvictOne()
    {
        var lowest = _lowest!;
        var victim = lowest.Entries.Last!;
        lowest.Entries.RemoveLast();
        _map.Remove(victim.Value.Key);
        if (lowest.Entries.Count == 0) Unlink(lowest);
    }

    /// <summary>A new frequency node after <paramref name="after"/> (null: at the head).</summary>
    private FrequencyNode InsertAfter(FrequencyNode? after, long frequency)
    {
        var node = new FrequencyNode(frequency) { Previous = after, Next = after is null ? _lowest : after.Next };
        if (node.Next is not null) node.Next.Previous = node;
        if (after is null) _lowest = node; else after.Next = node;
        return node;
    }

    private void Unlink(FrequencyNode node)
    {
        if (node.Previous is null) _lowest = node.Next; else node.Previous.Next = node.Next;
        if (node.Next is not null) node.Next.Previous = node.Previous;
    }

    /// <summary>
    /// The paper's structure, checked: frequencies strictly increase along the list, no node is empty, every
    /// entry points at the node that holds it, and the nodes hold exactly the mapped entries. Null when all hold.
    /// </summary>
    internal string? InvariantViolation()
    {
        var seen = 0;
        long previous = 0;
        for (var node = _lowest; node is not null; node = node.Next)
        {
            if (node.Frequency <= previous) return $"frequency {node.Frequency} follows {previous}";
            if (node.Entries.Count == 0) return $"frequency node {node.Frequency} is empty";
            if (node.Next is not null && node.Next.Previous != node) return $"broken back link after {node.Frequency}";
            foreach (var e in node.Entries)
            {
                if (e.Parent != node) return $"{e.Key} sits in node {node.Frequency} but points at {e.Parent.Frequency}";
                if (!_map.TryGetValue(e.Key, out var mapped) || mapped.Value != e) return $"{e.Key} is listed but not mapped";
                seen++;
            }
            previous = node.Frequency;
        }
        return seen == _map.Count ? null : $"{_map.Count} mapped entries but {seen} listed";
    }
}

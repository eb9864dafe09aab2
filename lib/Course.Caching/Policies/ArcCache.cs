using System.Diagnostics.CodeAnalysis;

namespace Course.Caching.Policies;

/// <summary>
/// Adaptive Replacement Cache (Megiddo &amp; Modha, "ARC: A Self-Tuning, Low Overhead Replacement Cache", FAST '03,
/// Figure 4). Four LRU lists: T1 (seen once recently) and T2 (seen at least twice) hold the cached entries; B1 and
/// B2 are their ghosts, keys only, remembering what was just evicted from each. A miss that hits a ghost list is
/// evidence that list was too small, so the target size p of T1 moves towards it: a B1 ghost hit grows p (favour
/// recency), a B2 ghost hit shrinks it (favour frequency). A one-time scan only passes through T1, so T2 survives.
/// Invariants (paper §III): |T1|+|T2| ≤ c, |T1|+|B1| ≤ c, |T1|+|T2|+|B1|+|B2| ≤ 2c, 0 ≤ p ≤ c.
/// </summary>
public sealed class ArcCache<TKey, TValue>(int capacity) : CacheBase<TKey, TValue>(capacity) where TKey : notnull
{
    private enum ListId { T1, T2, B1, B2 }

    private sealed class Entry(TKey key, TValue value, ListId list)
    {
        public readonly TKey Key = key;
        public TValue Value = value; // default in a ghost: a ghost remembers the key only
        public ListId List = list;
    }

    private readonly Dictionary<TKey, LinkedListNode<Entry>> _map = [];
    private readonly LinkedList<Entry>[] _lists = [[], [], [], []]; // each: First = MRU, Last = LRU

    public override string Name => "ARC";
    public override int Count => T1.Count + T2.Count;

    /// <summary>The adaptive target size of T1 (real-valued, as in the paper).</summary>
    public double P { get; private set; }

    public (int T1, int T2, int B1, int B2) ListSizes => (T1.Count, T2.Count, B1.Count, B2.Count);

    private LinkedList<Entry> T1 => _lists[(int)ListId.T1];
    private LinkedList<Entry> T2 => _lists[(int)ListId.T2];
    private LinkedList<Entry> B1 => _lists[(int)ListId.B1];
    private LinkedList<Entry> B2 => _lists[(int)ListId.B2];

    // Case I: a hit in T1 or T2 moves the entry to the MRU end of T2.
    protected override bool Lookup(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_map.TryGetValue(key, out var node) && node.Value.List is ListId.T1 or ListId.T2)
        {
            MoveToMru(node, ListId.T2);
            value = node.Value.Value;
            return true;
        }
        value = default;
        return false;
    }

    protected override void Store(TKey key, TValue value)
    {
        if (!_map.TryGetValue(key, out var node))
        {
            InsertNew(key, value); // Case IV
            return;
        }
        switch (node.Value.List)
        {
            case ListId.T1 or ListId.T2: // Case I (a write is a reference)
                break;
            case ListId.B1: // Case II: B1 was too small, grow T1's target
                P = Math.Min(P + (B1.Count >= B2.Count ? 1 : (double)B2.Count / B1.Count), Capacity);
                Replace(inB2: false);
                break;
            case ListId.B2: // Case III: B2 was too small, shrink T1's target
                P = Math.Max(P - (B2.Count >= B1.Count ? 1 : (double)B1.Count / B2.Count), 0);
                Replace(inB2: true);
                break;
        }
        node.Value.Value = value;
        MoveToMru(node, ListId.T2);
    }

    protected override bool Contains(TKey key) => _map.TryGetValue(key, out var n) && n.Value.List is ListId.T1 or ListId.T2;

    private void InsertNew(TKey key, TValue value)
    {
        var l1 = T1.Count + B1.Count;
        if (l1 == Capacity)
        {
            // Case IV.A: L1 is full. Drop B1's LRU ghost and make room; with B1 empty, T1 alone fills c: drop its LRU.
            if (T1.Count < Capacity) { Forget(B1); Replace(inB2: false); }
            else Forget(T1);
        }
        else if (l1 + T2.Count + B2.Count >= Capacity)
        {
            // Case IV.B: L1 has room but the directory is full: drop B2's LRU ghost once it holds 2c.
            if (l1 + T2.Count + B2.Count == 2 * Capacity) Forget(B2);
            Replace(inB2: false);
        }
        _map[key] = T1.AddFirst(new Entry(key, value, ListId.T1));
    }

    /// <summary>
    /// REPLACE(x, p): evict T1's LRU into B1 if T1 exceeds its target p (or equals it when x was in B2), otherwise
    /// T2's LRU into B2. Only called when the cache is full, so one of T1, T2 is non-empty.
    /// </summary>
    private void Replace(bool inB2)
    {
        var fromT1 = T1.Count >= 1 && ((inB2 && T1.Count == P) || T1.Count > P);
        if (fromT1 || T2.Count == 0) MoveToMru(T1.Last!, ListId.B1, keepValue: false);
        else MoveToMru(T2.Last!, ListId.B2, keepValue: false);
    }

    private void Forget(LinkedList<Entry> list)
    {
        var lru = list.Last!;
        list.RemoveLast();
        _map.Remove(lru.Value.Key);
    }

    private void MoveToMru(LinkedListNode<Entry> node, ListId to, bool keepValue = true)
    {
        _lists[(int)node.Value.List].Remove(node);
        node.Value.List = to;
        if (!keepValue) node.Value.Value = default!; // a ghost must not keep the evicted value alive
        _lists[(int)to].AddFirst(node);
    }

    /// <summary>The paper's invariants (§III, Figure 4's comments), checked; null when all hold.</summary>
    internal string? InvariantViolation()
    {
        var (t1, t2, b1, b2) = ListSizes;
        var c = Capacity;
        if (t1 + t2 > c) return $"|T1|+|T2| = {t1 + t2} > c = {c}";
        if (t1 + b1 > c) return $"|T1|+|B1| = {t1 + b1} > c = {c}";
        if (t1 + t2 + b1 + b2 > 2 * c) return $"|T1|+|T2|+|B1|+|B2| = {t1 + t2 + b1 + b2} > 2c = {2 * c}";
        if (P < 0 || P > c) return $"p = {P} outside [0, {c}]";
        if (t1 + t2 < c && b1 + b2 > 0) return $"the cache is not full ({t1 + t2} < {c}) yet ghosts exist";
        if (_map.Count != t1 + t2 + b1 + b2) return $"{_map.Count} mapped keys but the lists hold {t1 + t2 + b1 + b2}";
        for (var i = 0; i < 4; i++)
            foreach (var e in _lists[i])
                if ((int)e.List != i || !_map.ContainsKey(e.Key)) return $"{e.Key} is in list {(ListId)i} but marked {e.List}";
        return null;
    }
}

namespace Course.Distributed.Cap;

/// <summary>
/// The ids of every write a stored value has "seen" — itself and whatever its replica (or coordinator) held
/// when it was written, transitively: its causal history (Schwarz &amp; Mattern 1994). Version vectors are the
/// compact encoding of exactly this. No store decides anything by it: it rides along as the experiment's
/// instrument, so a write can be called lost when no surviving value has seen it, whatever the store.
/// Immutable.
/// </summary>
public sealed class CausalHistory
{
    private readonly long[] _ids; // sorted, distinct

    private CausalHistory(long[] ids) => _ids = ids;

    public static CausalHistory Empty { get; } = new([]);

    public int Count => _ids.Length;

    public IReadOnlyList<long> Ids => _ids;

    public bool Contains(long writeId) => Array.BinarySearch(_ids, writeId) >= 0;

    /// <summary>This history plus the write <paramref name="writeId"/> itself.</summary>
    public CausalHistory With(long writeId)
    {
        var at = Array.BinarySearch(_ids, writeId);
        if (at >= 0) return this;
        var ids = new long[_ids.Length + 1];
        Array.Copy(_ids, 0, ids, 0, ~at);
        ids[~at] = writeId;
        Array.Copy(_ids, ~at, ids, ~at + 1, _ids.Length - ~at);
        return new CausalHistory(ids);
    }

    public CausalHistory Union(CausalHistory other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._ids.Length == 0 || ReferenceEquals(this, other)) return this;
        if (_ids.Length == 0) return other;
        var ids = new List<long>(_ids.Length + other._ids.Length);
        int i = 0, j = 0;
        while (i < _ids.Length || j < other._ids.Length)
        {
            if (j == other._ids.Length || (i < _ids.Length && _ids[i] < other._ids[j])) ids.Add(_ids[i++]);
            else if (i == _ids.Length || other._ids[j] < _ids[i]) ids.Add(other._ids[j++]);
            else { ids.Add(_ids[i++]); j++; }
        }
        return ids.Count == _ids.Length ? this : new CausalHistory([.. ids]);
    }

    public static CausalHistory UnionOf(IEnumerable<CausalHistory> histories) =>
        histories.Aggregate(Empty, (all, h) => all.Union(h));

    public override string ToString() => "{" + string.Join(",", _ids) + "}";
}

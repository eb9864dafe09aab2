using System.Diagnostics.CodeAnalysis;

namespace Course.Caching.Policies;

/// <summary>
/// CLOCK (Corbató 1968), the LRU approximation operating systems use: the slots form a circle with one reference
/// bit each; a hit only sets the bit (no list to reorder). On a miss in a full cache the hand sweeps, clearing set
/// bits (a "second chance") until it finds a clear one, evicts it and puts the new entry there, with its bit
/// clear, then moves on. Conventions as in Bansal &amp; Modha, "CAR: Clock with Adaptive Replacement" (FAST '04), §II.
/// </summary>
public sealed class ClockCache<TKey, TValue> : CacheBase<TKey, TValue> where TKey : notnull
{
    private readonly TKey[] _keys;
    private readonly TValue[] _values;
    private readonly bool[] _referenced;
    private readonly Dictionary<TKey, int> _slotOf = [];
    private int _hand;

    public ClockCache(int capacity) : base(capacity)
    {
        _keys = new TKey[capacity];
        _values = new TValue[capacity];
        _referenced = new bool[capacity];
    }

    public override string Name => "CLOCK";
    public override int Count => _slotOf.Count;

    protected override bool Lookup(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (!_slotOf.TryGetValue(key, out var slot)) { value = default; return false; }
        _referenced[slot] = true;
        value = _values[slot];
        return true;
    }

    protected override void Store(TKey key, TValue value)
    {
        if (_slotOf.TryGetValue(key, out var existing))
        {
            _values[existing] = value;
            _referenced[existing] = true;
            return;
        }
        if (_slotOf.Count == Capacity)
        {
            while (_referenced[_hand])
            {
                _referenced[_hand] = false; // second chance
                _hand = (_hand + 1) % Capacity;
            }
            _slotOf.Remove(_keys[_hand]);
        }
        // While filling up, the hand walks over empty slots in order, so _hand is the next free slot.
        _keys[_hand] = key;
        _values[_hand] = value;
        _referenced[_hand] = false;
        _slotOf[key] = _hand;
        _hand = (_hand + 1) % Capacity;
    }

    protected override bool Contains(TKey key) => _slotOf.ContainsKey(key);
}

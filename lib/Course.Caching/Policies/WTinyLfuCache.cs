using System.Diagnostics.CodeAnalysis;

namespace Course.Caching.Policies;

/// <summary>
/// W-TinyLFU (Einziger, Friedman &amp; Manes, "TinyLFU: A Highly Efficient Cache Admission Policy", ACM TOS 2017,
/// §4): a small LRU <em>window</em> (1% of the capacity) takes every new entry, so bursts of fresh keys get a
/// chance; the <em>main</em> cache is a segmented LRU (20% probation, 80% protected). When the window overflows,
/// its LRU entry (the candidate) competes with main's victim (probation's LRU): the TinyLFU filter admits the
/// candidate only if the count-min sketch says it was used more often. A scan's keys are each seen once, so they
/// lose that contest and the hot set stays. The window is the paper's fixed 1% unless <c>adaptiveWindow</c> turns
/// on hill climbing (<see cref="WindowClimber"/>, as in Caffeine); on this course's workloads the fixed window
/// with a Caffeine-sized sketch measured equal or better (benchmarks/…/Caching/HitRatioTable.cs).
/// </summary>
public sealed class WTinyLfuCache<TKey, TValue> : CacheBase<TKey, TValue> where TKey : notnull
{
    private enum Segment { Window, Probation, Protected }

    private sealed class Entry(TKey key, TValue value)
    {
        public readonly TKey Key = key;
        public TValue Value = value;
        public Segment Segment;
    }

    private readonly Dictionary<TKey, LinkedListNode<Entry>> _map = [];
    private readonly LinkedList<Entry>[] _segments = [[], [], []]; // each: First = MRU, Last = LRU
    private readonly CountMinSketch<TKey> _sketch;
    private readonly Doorkeeper<TKey>? _doorkeeper;
    private readonly WindowClimber? _climber;
    private double _windowTarget; // the climber moves this; the window holds its rounded value
    private int _resetsSeen;

    /// <param name="windowFraction">Share of the capacity for the admission window (paper and Caffeine: 1%).</param>
    /// <param name="useDoorkeeper">Put a Bloom-filter doorkeeper in front of the sketch (§3.4.2).</param>
    /// <param name="adaptiveWindow">Let hill climbing move the window size (starting from <paramref name="windowFraction"/>).</param>
    public WTinyLfuCache(int capacity, double windowFraction = 0.01, bool useDoorkeeper = false, bool adaptiveWindow = false) : base(capacity)
    {
        if (windowFraction is <= 0 or >= 1 || double.IsNaN(windowFraction))
            throw new ArgumentOutOfRangeException(nameof(windowFraction), windowFraction, "windowFraction must be in (0, 1).");
        _windowTarget = Math.Max(1, (int)(capacity * windowFraction));
        Resize();
        _sketch = new CountMinSketch<TKey>(capacity);
        _doorkeeper = useDoorkeeper ? new Doorkeeper<TKey>(8 * capacity) : null;
        _climber = adaptiveWindow && capacity > 1 ? new WindowClimber(capacity, _sketch.SampleSize) : null;
    }

    public override string Name => _doorkeeper is null ? "W-TinyLFU" : "W-TinyLFU+DK";
    public override int Count => _map.Count;
    public int WindowCapacity { get; private set; }
    public int MainCapacity { get; private set; }
    public int ProtectedCapacity { get; private set; }
    public CountMinSketch<TKey> Sketch => _sketch;

    public (int Window, int Probation, int Protected) SegmentSizes => (Window.Count, Probation.Count, Protected.Count);

    private LinkedList<Entry> Window => _segments[(int)Segment.Window];
    private LinkedList<Entry> Probation => _segments[(int)Segment.Probation];
    private LinkedList<Entry> Protected => _segments[(int)Segment.Protected];

    /// <summary>The filter's estimate of how often the key was accessed recently.</summary>
    public int Frequency(TKey key) => _sketch.Estimate(key) + (_doorkeeper?.Contains(key) == true ? 1 : 0);

    protected override bool Lookup(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        RecordAccess(key); // hits and misses alike: the sketch is a histogram of the whole request stream
        var hit = _map.TryGetValue(key, out var node);
        if (hit) OnHit(node!);
        value = hit ? node!.Value.Value : default;
        if (_climber?.Record(hit) is { } step and not 0) Climb(step);
        return hit;
    }

    protected override void Store(TKey key, TValue value)
    {
        if (_map.TryGetValue(key, out var existing))
        {
            existing.Value.Value = value;
            OnHit(existing);
            return;
        }
        var node = new LinkedListNode<Entry>(new Entry(key, value));
        _map[key] = node;
        MoveTo(node, Segment.Window);
        if (Window.Count > WindowCapacity) AdmitOrReject(Window.Last!);
    }

    protected override bool Contains(TKey key) => _map.ContainsKey(key);

    private void OnHit(LinkedListNode<Entry> node)
    {
        if (node.Value.Segment == Segment.Probation)
        {
            // A second use in main promotes to protected; protected's overflow falls back to probation (SLRU).
            MoveTo(node, Segment.Protected);
            if (Protected.Count > ProtectedCapacity) MoveTo(Protected.Last!, Segment.Probation);
        }
        else MoveTo(node, node.Value.Segment);
    }

    /// <summary>The window's LRU entry leaves the window: into main if there is room, else the TinyLFU contest.</summary>
    private void AdmitOrReject(LinkedListNode<Entry> candidate)
    {
        if (Probation.Count + Protected.Count < MainCapacity)
        {
            MoveTo(candidate, Segment.Probation);
            return;
        }
        var victim = Probation.Last ?? Protected.Last;
        if (victim is not null && Frequency(candidate.Value.Key) > Frequency(victim.Value.Key))
        {
            Evict(victim);
            MoveTo(candidate, Segment.Probation);
        }
        else Evict(candidate);
    }

    /// <summary>Moves the window/main boundary; entries cross it (LRU ends first) so both sides stay within bounds.</summary>
    private void Climb(double step)
    {
        _windowTarget = Math.Clamp(_windowTarget + step, 1, Capacity - 1);
        Resize();
        while (Probation.Count + Protected.Count > MainCapacity) MoveTo(Probation.Last ?? Protected.Last!, Segment.Window);
        while (Window.Count > WindowCapacity) MoveTo(Window.Last!, Segment.Probation);
        while (Protected.Count > ProtectedCapacity) MoveTo(Protected.Last!, Segment.Probation);
    }

    private void Resize()
    {
        WindowCapacity = (int)Math.Round(_windowTarget);
        MainCapacity = Capacity - WindowCapacity;
        ProtectedCapacity = (int)(MainCapacity * 0.8);
    }

    private void RecordAccess(TKey key)
    {
        if (_doorkeeper is not null && !_doorkeeper.Put(key)) return; // first sighting: doorkeeper only
        _sketch.Increment(key);
        if (_doorkeeper is not null && _sketch.Resets != _resetsSeen)
        {
            _resetsSeen = _sketch.Resets;
            _doorkeeper.Clear();
        }
    }

    private void MoveTo(LinkedListNode<Entry> node, Segment to)
    {
        node.List?.Remove(node);
        node.Value.Segment = to;
        _segments[(int)to].AddFirst(node);
    }

    private void Evict(LinkedListNode<Entry> node)
    {
        node.List!.Remove(node);
        _map.Remove(node.Value.Key);
    }

    /// <summary>Segment bounds and bookkeeping, checked; null when all hold.</summary>
    internal string? InvariantViolation()
    {
        var (w, prob, prot) = SegmentSizes;
        if (w > WindowCapacity) return $"window holds {w} > {WindowCapacity}";
        if (prot > ProtectedCapacity) return $"protected holds {prot} > {ProtectedCapacity}";
        if (prob + prot > MainCapacity) return $"main holds {prob + prot} > {MainCapacity}";
        if (_map.Count != w + prob + prot) return $"{_map.Count} mapped but the segments hold {w + prob + prot}";
        for (var i = 0; i < 3; i++)
            foreach (var e in _segments[i])
                if ((int)e.Segment != i || !_map.ContainsKey(e.Key)) return $"{e.Key} is in {(Segment)i} but marked {e.Segment}";
        if (_sketch.MaxCounter() > CountMinSketch<TKey>.MaxCount) return "a sketch counter passed 15";
        if (_sketch.Additions >= _sketch.SampleSize) return "the sketch missed a reset";
        return null;
    }
}

using Course.Simulation;

namespace Course.Distributed.Dht;

/// <summary>
/// A Chord node (Stoica et al., SIGCOMM 2001) as a sans-I/O state machine: a finger table of m entries, a
/// successor list of r entries, a predecessor, and the periodic stabilize / notify / fix_fingers of Figure 6,
/// driven by ticks. Lookups are iterative (see <see cref="ChordMessage"/>) so the origin sees — and counts —
/// every hop. A node is created outside the ring; it enters by <see cref="Create"/>, <see cref="Join"/> or,
/// for large experiments, <see cref="Bootstrap"/> with already-correct routing state.
/// </summary>
public sealed partial class ChordNode : INode<ChordMessage>
{
    private readonly ChordOptions _options;
    private readonly ChordRing _ring;
    private readonly ulong _id;
    private readonly Action<ChordLookupResult>? _onLookup;
    private readonly ChordPeer?[] _fingers;
    private readonly List<ChordPeer> _successors = [];
    private INodeContext<ChordMessage> _context = null!;
    private ChordPeer? _predecessor;
    private long _tick;
    private long _lastNotifiedTick;
    private int _nextFinger;
    private (ChordPeer Peer, long Deadline)? _stabilizing;

    /// <param name="id">This node's identifier (below 2^m).</param>
    /// <param name="onLookup">Called when a lookup this node started finishes (an observer for harnesses).</param>
    public ChordNode(ulong id, ChordOptions? options = null, Action<ChordLookupResult>? onLookup = null)
    {
        _options = options ?? new ChordOptions();
        _ring = new ChordRing(_options.Bits);
        if ((id & ~_ring.Mask) != 0) throw new ArgumentOutOfRangeException(nameof(id), id, $"The id does not fit in {_options.Bits} bits.");
        _id = id;
        _onLookup = onLookup;
        _fingers = new ChordPeer?[_options.Bits];
    }

    public ChordPeer Self => new(_context.Self, _id);
    public ChordRing Ring => _ring;
    public bool IsJoined { get; private set; }
    public ChordPeer? Predecessor => _predecessor;
    public ChordPeer? Successor => _successors.Count > 0 ? _successors[0] : null;
    public IReadOnlyList<ChordPeer> Successors => _successors;

    /// <summary>finger[i] = successor(n + 2^i), or null while unknown.</summary>
    public IReadOnlyList<ChordPeer?> Fingers => _fingers;

    public void Start(INodeContext<ChordMessage> context) => _context = context;

    /// <summary>The first node: a ring of one, its own successor.</summary>
    public void Create()
    {
        _successors.Clear();
        _successors.Add(Self);
        IsJoined = true;
    }

    /// <summary>Join through <paramref name="via"/>: look up successor(n) there; stabilize does the rest (§4.4).</summary>
    public void Join(ChordPeer via)
    {
        if (IsJoined) return;
        StartLookup(_id, LookupPurpose.Join, 0, [via]);
    }

    /// <summary>Installs routing state computed from the whole membership (for big experiments).</summary>
    public void Bootstrap(ChordPeer? predecessor, IReadOnlyList<ChordPeer> successors, IReadOnlyList<ChordPeer?> fingers)
    {
        ArgumentNullException.ThrowIfNull(successors);
        ArgumentNullException.ThrowIfNull(fingers);
        if (successors.Count == 0) throw new ArgumentException("A node needs at least one successor.", nameof(successors));
        if (fingers.Count != _fingers.Length) throw new ArgumentException($"Expected {_fingers.Length} fingers.", nameof(fingers));
        _predecessor = predecessor;
        _successors.Clear();
        _successors.AddRange(successors.Take(_options.SuccessorListLength));
        for (var i = 0; i < _fingers.Length; i++) _fingers[i] = fingers[i];
        _lastNotifiedTick = _tick;
        IsJoined = true;
    }

    public void Tick()
    {
        _tick++;
        CheckLookupTimeouts();
        if (!IsJoined) return;
        if (_stabilizing is { } s && _tick >= s.Deadline)
        {
            Forget(s.Peer); // the successor did not answer: fall back on the next one in the list (§5.3)
            _stabilizing = null;
        }
        if (_tick % _options.StabilizeEveryTicks == 0 && _stabilizing is null) Stabilize();
        if (_predecessor is not null && _tick - _lastNotifiedTick > _options.PredecessorTimeoutTicks) _predecessor = null;
        if (_tick % _options.FixFingersEveryTicks == 0 && !_fixingFinger) FixFingers();
    }

    public void Receive(NodeId from, ChordMessage message)
    {
        switch (message)
        {
            case ChordMessage.FindSuccessor m: OnFindSuccessor(from, m); break;
            case ChordMessage.Found m: OnFound(from, m); break;
            case ChordMessage.Closer m: OnCloser(from, m); break;
            case ChordMessage.GetPredecessor when IsJoined:
                _context.Send(from, new ChordMessage.PredecessorIs(_predecessor, [.. _successors]));
                break;
            case ChordMessage.PredecessorIs m: OnPredecessorIs(from, m); break;
            case ChordMessage.Notify m when IsJoined: OnNotify(m.Candidate); break;
        }
    }

    private void Stabilize()
    {
        if (_successors.Count == 0)
        {
            // Every successor failed: the nearest live-looking finger is the best guess, else we are alone.
            var guess = _fingers.Where(f => f is not null && f.Value.Node != _context.Self)
                .OrderBy(f => _ring.Distance(_id, f!.Value.Id)).FirstOrDefault();
            _successors.Add(guess ?? Self);
        }
        var successor = _successors[0];
        _stabilizing = (successor, _tick + _options.RpcTimeoutTicks);
        _context.Send(successor.Node, new ChordMessage.GetPredecessor());
    }

    private void OnPredecessorIs(NodeId from, ChordMessage.PredecessorIs m)
    {
        if (_stabilizing is not { } s || s.Peer.Node != from) return;
        _stabilizing = null;
        var list = new List<ChordPeer>();
        if (m.Predecessor is { } x && x.Node != _context.Self && _ring.InOpen(x.Id, _id, s.Peer.Id)) list.Add(x);
        list.Add(s.Peer);
        list.AddRange(m.Successors);
        _successors.Clear();
        foreach (var p in list)
        {
            if (p.Node == _context.Self || _successors.Count == _options.SuccessorListLength) break; // wrapped round
            if (!_successors.Contains(p)) _successors.Add(p);
        }
        if (_successors.Count == 0) _successors.Add(Self);
        if (_successors[0].Node != _context.Self) _context.Send(_successors[0].Node, new ChordMessage.Notify(Self));
    }

    private void OnNotify(ChordPeer candidate)
    {
        if (candidate.Node == _context.Self) return;
        if (_predecessor is null || _predecessor == candidate || _ring.InOpen(candidate.Id, _predecessor.Value.Id, _id))
        {
            _predecessor = candidate;
            _lastNotifiedTick = _tick;
        }
        // A lone node learns its first successor from the node that joined after it.
        if (_successors.Count == 1 && _successors[0].Node == _context.Self) _successors[0] = candidate;
    }

    private bool _fixingFinger;

    private void FixFingers()
    {
        // Fingers whose start lies before the successor need no message; refresh those for free and look up the next other one.
        for (var n = 0; n < _fingers.Length; n++)
        {
            var i = _nextFinger;
            _nextFinger = (_nextFinger + 1) % _fingers.Length;
            var start = _ring.FingerStart(_id, i);
            if (Successor is { } succ && _ring.InHalfOpen(start, _id, succ.Id))
            {
                _fingers[i] = succ;
                continue;
            }
            _fixingFinger = true;
            StartLookup(start, LookupPurpose.Finger, i, null);
            return;
        }
    }

    /// <summary>Drops a peer found dead from every routing structure.</summary>
    private void Forget(ChordPeer peer)
    {
        _successors.Remove(peer);
        for (var i = 0; i < _fingers.Length; i++)
            if (_fingers[i] == peer) _fingers[i] = null;
        if (_predecessor == peer) _predecessor = null;
    }
}

using Course.Simulation;

namespace Course.Distributed.Dht;

public sealed partial class ChordNode
{
    private enum LookupPurpose { Client, Finger, Join }

    private sealed class PendingLookup(long id, ulong key, LookupPurpose purpose, int finger, TimeSpan started)
    {
        public long Id { get; } = id;
        public ulong Key { get; } = key;
        public LookupPurpose Purpose { get; } = purpose;
        public int Finger { get; } = finger;
        public TimeSpan Started { get; } = started;
        public List<ChordPeer> Path { get; } = [];
        public List<ChordPeer> Candidates { get; set; } = [];
        public HashSet<NodeId> Dead { get; } = [];
        public ChordPeer? Asking { get; set; }
        public long Deadline { get; set; }
        public int Timeouts { get; set; }
    }

    private readonly Dictionary<long, PendingLookup> _lookups = [];
    private long _nextLookupId;

    /// <summary>Starts a lookup of successor(<paramref name="key"/>); the result goes to the onLookup observer. Returns its id.</summary>
    public long Lookup(ulong key)
    {
        if ((key & ~_ring.Mask) != 0) throw new ArgumentOutOfRangeException(nameof(key), key, $"The key does not fit in {_options.Bits} bits.");
        return StartLookup(key, LookupPurpose.Client, 0, null);
    }

    private long StartLookup(ulong key, LookupPurpose purpose, int finger, List<ChordPeer>? firstHops)
    {
        var p = new PendingLookup(++_nextLookupId, key, purpose, finger, _context.Now);
        _lookups[p.Id] = p;
        if (firstHops is not null) p.Candidates = firstHops;
        else if (!IsJoined) { Finish(p, null); return p.Id; }
        else if (_ring.InHalfOpen(key, _id, Successor!.Value.Id)) { Finish(p, Successor); return p.Id; }
        else p.Candidates = ClosestPreceding(key);
        AskNext(p);
        return p.Id;
    }

    private void AskNext(PendingLookup p)
    {
        // A lookup longer than this is going round in circles (stale routing state); give up.
        if (p.Path.Count > 2 * _options.Bits + 16) { Finish(p, null); return; }
        while (p.Candidates.Count > 0)
        {
            var next = p.Candidates[0];
            p.Candidates.RemoveAt(0);
            if (p.Dead.Contains(next.Node)) continue;
            p.Asking = next;
            p.Path.Add(next);
            p.Deadline = _tick + _options.RpcTimeoutTicks;
            _context.Send(next.Node, new ChordMessage.FindSuccessor(p.Id, p.Key));
            return;
        }
        Finish(p, null);
    }

    private void OnFindSuccessor(NodeId from, ChordMessage.FindSuccessor m)
    {
        if (!IsJoined) return;
        var successor = Successor!.Value;
        if (_ring.InHalfOpen(m.Key, _id, successor.Id))
        {
            _context.Send(from, new ChordMessage.Found(m.LookupId, successor));
            return;
        }
        var closer = ClosestPreceding(m.Key);
        _context.Send(from, closer.Count == 0
            ? new ChordMessage.Found(m.LookupId, successor)
            : new ChordMessage.Closer(m.LookupId, [.. closer]));
    }

    private void OnFound(NodeId from, ChordMessage.Found m)
    {
        if (_lookups.TryGetValue(m.LookupId, out var p) && p.Asking?.Node == from) Finish(p, m.Successor);
    }

    private void OnCloser(NodeId from, ChordMessage.Closer m)
    {
        if (!_lookups.TryGetValue(m.LookupId, out var p) || p.Asking?.Node != from) return;
        // New suggestions first; the earlier ones stay behind them, so a dead hop can be routed around.
        p.Candidates = [.. m.Candidates.Where(c => !p.Candidates.Contains(c)), .. p.Candidates];
        AskNext(p);
    }

    private void CheckLookupTimeouts()
    {
        if (_lookups.Count == 0) return;
        foreach (var p in _lookups.Values.Where(p => p.Asking is not null && _tick >= p.Deadline).ToList())
        {
            var dead = p.Asking!.Value;
            p.Dead.Add(dead.Node);
            p.Timeouts++;
            p.Asking = null;
            Forget(dead);
            AskNext(p);
        }
    }

    /// <summary>closest_preceding_node (Figure 5), returning several: known nodes in (n, key), closest to the key first.</summary>
    private List<ChordPeer> ClosestPreceding(ulong key)
    {
        var found = new List<ChordPeer>();
        foreach (var f in _fingers)
            if (f is { } peer && peer.Node != _context.Self && _ring.InOpen(peer.Id, _id, key) && !found.Contains(peer)) found.Add(peer);
        foreach (var peer in _successors)
            if (peer.Node != _context.Self && _ring.InOpen(peer.Id, _id, key) && !found.Contains(peer)) found.Add(peer);
        found.Sort((a, b) => _ring.Distance(a.Id, key).CompareTo(_ring.Distance(b.Id, key)));
        if (found.Count > _options.NextHopCandidates) found.RemoveRange(_options.NextHopCandidates, found.Count - _options.NextHopCandidates);
        return found;
    }

    private void Finish(PendingLookup p, ChordPeer? result)
    {
        _lookups.Remove(p.Id);
        p.Asking = null;
        switch (p.Purpose)
        {
            case LookupPurpose.Client:
                _onLookup?.Invoke(new ChordLookupResult(p.Id, Self, p.Key, result, p.Path, p.Timeouts, _context.Now - p.Started));
                break;
            case LookupPurpose.Finger:
                _fixingFinger = false;
                if (result is not null) _fingers[p.Finger] = result;
                break;
            case LookupPurpose.Join when result is { } successor && !IsJoined:
                _successors.Clear();
                _successors.Add(successor);
                _predecessor = null;
                IsJoined = true;
                _context.Note("chord", $"joined, successor {successor}");
                break;
        }
    }
}

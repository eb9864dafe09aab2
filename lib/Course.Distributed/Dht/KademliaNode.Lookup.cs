using Course.Simulation;

namespace Course.Distributed.Dht;

public sealed partial class KademliaNode
{
    private sealed class PendingLookup(long id, KademliaOperation operation, ulong target, string? data, TimeSpan started)
    {
        public long Id { get; } = id;
        public KademliaOperation Operation { get; } = operation;
        public ulong Target { get; } = target;
        public string? Data { get; } = data;
        public TimeSpan Started { get; } = started;
        /// <summary>Every contact heard of and not failed, closest to the target first.</summary>
        public List<KademliaContact> Shortlist { get; } = [];
        public HashSet<NodeId> Queried { get; } = [];
        public HashSet<NodeId> Answered { get; } = [];
        public Dictionary<NodeId, long> InFlight { get; } = [];
        public List<KademliaHop> Path { get; } = [];
        public ulong ClosestAtRoundStart { get; set; } = ulong.MaxValue;
        public int Rounds { get; set; }
        public int Messages { get; set; }
        public int Timeouts { get; set; }
    }

    private readonly Dictionary<long, PendingLookup> _lookups = [];
    private long _nextLookupId;

    /// <summary>FIND_NODE: the k nodes closest to <paramref name="target"/>. Returns the lookup id; the result goes to the observer.</summary>
    public long FindNode(ulong target) => StartLookup(KademliaOperation.FindNode, target, null);

    /// <summary>FIND_VALUE: like FIND_NODE, but stops as soon as a node returns the value.</summary>
    public long FindValue(ulong key) =>
        _store.TryGetValue(key, out _) ? StartLookup(KademliaOperation.FindValue, key, null, local: true) : StartLookup(KademliaOperation.FindValue, key, null);

    /// <summary>STORE: find the k closest nodes to <paramref name="key"/>, then store the value at each.</summary>
    public long Store(ulong key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return StartLookup(KademliaOperation.Store, key, value);
    }

    private long StartLookup(KademliaOperation operation, ulong target, string? data, bool local = false)
    {
        var p = new PendingLookup(++_nextLookupId, operation, target, data, _context.Now);
        _lookups[p.Id] = p;
        // The origin is a candidate too (it may be the closest node), already "answered", at no cost.
        Merge(p, [Self]);
        p.Queried.Add(_context.Self);
        p.Answered.Add(_context.Self);
        if (local) { Finish(p, _store[target]); return p.Id; }
        Merge(p, Table.Closest(target, _options.K));
        NextRound(p);
        return p.Id;
    }

    private void Merge(PendingLookup p, IEnumerable<KademliaContact> contacts)
    {
        foreach (var c in contacts)
        {
            if (p.Shortlist.Any(s => s.Node == c.Node) || (p.Queried.Contains(c.Node) && !p.Answered.Contains(c.Node))) continue;
            var at = p.Shortlist.FindIndex(s => (s.Id ^ p.Target) > (c.Id ^ p.Target));
            p.Shortlist.Insert(at < 0 ? p.Shortlist.Count : at, c);
        }
    }

    /// <summary>
    /// One round: α closest not yet queried among the k closest; if the last round brought nobody closer, all of
    /// them (§2.3). Done when the k closest have all answered.
    /// </summary>
    private void NextRound(PendingLookup p)
    {
        var best = p.Shortlist.Take(_options.K).ToList();
        var improved = best.Count > 0 && (best[0].Id ^ p.Target) < p.ClosestAtRoundStart;
        var ask = best.Where(c => !p.Queried.Contains(c.Node)).Take(improved ? _options.Alpha : _options.K).ToList();
        if (ask.Count == 0) { Finish(p, null); return; }
        p.Rounds++;
        p.ClosestAtRoundStart = best[0].Id ^ p.Target;
        foreach (var c in ask)
        {
            p.Queried.Add(c.Node);
            p.InFlight[c.Node] = _tick + _options.RpcTimeoutTicks;
            p.Messages++;
            _context.Send(c.Node, p.Operation == KademliaOperation.FindValue
                ? new KademliaMessage.FindValue(_id, p.Id, p.Target)
                : new KademliaMessage.FindNode(_id, p.Id, p.Target));
        }
    }

    private void OnNodes(NodeId from, KademliaMessage.Nodes m)
    {
        if (!_lookups.TryGetValue(m.LookupId, out var p) || !p.InFlight.Remove(from)) return;
        p.Answered.Add(from);
        p.Path.Add(new KademliaHop(new KademliaContact(from, m.SenderId), p.Rounds, true));
        Merge(p, m.Contacts);
        if (p.InFlight.Count == 0) NextRound(p);
    }

    private void OnValue(NodeId from, KademliaMessage.Value m)
    {
        if (!_lookups.TryGetValue(m.LookupId, out var p) || !p.InFlight.Remove(from)) return;
        p.Answered.Add(from);
        p.Path.Add(new KademliaHop(new KademliaContact(from, m.SenderId), p.Rounds, true));
        Finish(p, m.Data);
    }

    private void CheckTimeouts()
    {
        foreach (var p in _lookups.Values.ToList())
        {
            var expired = p.InFlight.Where(f => _tick >= f.Value).Select(f => f.Key).ToList();
            if (expired.Count == 0) continue;
            foreach (var node in expired)
            {
                p.InFlight.Remove(node);
                p.Timeouts++;
                var contact = p.Shortlist.First(c => c.Node == node);
                p.Shortlist.Remove(contact);
                p.Path.Add(new KademliaHop(contact, p.Rounds, false));
                Table.Remove(node); // a contact that fails to answer leaves its bucket
            }
            if (p.InFlight.Count == 0) NextRound(p);
        }
    }

    private void Finish(PendingLookup p, string? value)
    {
        _lookups.Remove(p.Id);
        var closest = p.Shortlist.Where(c => p.Answered.Contains(c.Node)).Take(_options.K).ToList();
        if (p.Operation == KademliaOperation.Store)
            foreach (var c in closest)
            {
                if (c.Node == _context.Self) { _store[p.Target] = p.Data!; continue; }
                p.Messages++;
                _context.Send(c.Node, new KademliaMessage.Store(_id, p.Target, p.Data!));
            }
        _onLookup?.Invoke(new KademliaLookupResult(p.Id, p.Operation, Self, p.Target, closest, value,
            p.Rounds, p.Messages, p.Timeouts, p.Path, _context.Now - p.Started));
    }
}

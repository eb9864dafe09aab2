using Course.Simulation;

namespace Course.Distributed.Cap;

public sealed partial class AbdReplica
{
    private readonly SortedDictionary<long, Coordination> _operations = [];
    private long _nextOperationId;
    private long _lastTagNumber;

    /// <summary>Client requests this replica is coordinating right now.</summary>
    public int InFlight => _operations.Count;

    private int Majority => _context.Peers.Count / 2 + 1;

    private void Begin(NodeId client, ClientRequest request)
    {
        var operation = new Coordination(++_nextOperationId, client, request, _context.Now + _quorumTimeout);
        _operations.Add(operation.Id, operation);
        Broadcast(operation, new AbdQuery(operation.Id, request.Key));
    }

    private void OnQueryReply(NodeId from, AbdQueryReply reply)
    {
        if (!_operations.TryGetValue(reply.OperationId, out var op) || op.Updating || !op.Answered.Add(from)) return;
        op.Seen = op.Seen.Union(reply.Stored.History);
        if (op.Answered.Count == 1) op.Newest = reply.Stored;
        else
        {
            op.QuorumAgrees &= reply.Stored.Tag == op.Newest.Tag;
            if (reply.Stored.Tag > op.Newest.Tag) op.Newest = reply.Stored;
        }
        if (op.Answered.Count < Majority) return;

        if (op.Request.Operation == CapOperation.Read && op.QuorumAgrees)
        {
            // Every replica of this majority already holds the newest value: it is at a majority, no write-back needed.
            Finish(op, ClientReply.Ok(op.Request, [op.Newest.Value], [op.Newest.History]));
            return;
        }
        if (op.Request.Operation == CapOperation.Write)
        {
            // Above the newest a majority knows, and above any number this coordinator used already: two of its
            // writes in flight at once must not share a tag, or replicas could hold different values under one tag.
            _lastTagNumber = Math.Max(op.Newest.Tag.Number, _lastTagNumber) + 1;
            op.Written = new TaggedValue(new Tag(_lastTagNumber, _context.Self.Value), op.Request.Value, op.Seen.With(op.Request.RequestId));
        }
        else op.Written = op.Newest; // a read writes back what it is about to return
        op.Updating = true;
        Broadcast(op, new AbdUpdate(op.Id, op.Request.Key, op.Written));
    }

    private void OnUpdateAck(NodeId from, AbdUpdateAck ack)
    {
        if (!_operations.TryGetValue(ack.OperationId, out var op) || !op.Updating || !op.Answered.Add(from)) return;
        if (op.Answered.Count < Majority) return;
        var written = op.Written!;
        Finish(op, ClientReply.Ok(op.Request, op.Request.Operation == CapOperation.Read ? [written.Value] : [], [written.History]));
    }

    private void ExpireAndRetransmit()
    {
        foreach (var op in _operations.Values.ToArray())
        {
            if (_context.Now >= op.Deadline)
            {
                // Before phase 2 nothing was stored anywhere, so the refusal is definite; after, the write may have landed.
                Finish(op, ClientReply.Failed(op.Request, op.Updating ? ReplyStatus.Unknown : ReplyStatus.Refused));
                continue;
            }
            if (++op.TicksSinceSend < _retransmitTicks) continue;
            op.TicksSinceSend = 0;
            foreach (var peer in _context.Peers)
                if (!op.Answered.Contains(peer)) SendTo(peer, op.PhaseMessage);
        }
    }

    private void Broadcast(Coordination op, CapMessage message)
    {
        op.Answered.Clear();
        op.PhaseMessage = message;
        op.TicksSinceSend = 0;
        foreach (var peer in _context.Peers) SendTo(peer, message);
    }

    private void Finish(Coordination op, ClientReply reply)
    {
        _operations.Remove(op.Id);
        _context.Send(op.Client, reply);
    }

    /// <summary>One client request this replica coordinates: which phase, who answered, the newest value seen.</summary>
    private sealed class Coordination(long id, NodeId client, ClientRequest request, TimeSpan deadline)
    {
        public long Id { get; } = id;
        public NodeId Client { get; } = client;
        public ClientRequest Request { get; } = request;
        public TimeSpan Deadline { get; } = deadline;
        public HashSet<NodeId> Answered { get; } = [];
        public bool Updating { get; set; }
        public bool QuorumAgrees { get; set; } = true;
        public TaggedValue Newest { get; set; } = TaggedValue.Initial;
        public TaggedValue? Written { get; set; }
        /// <summary>Every write the answering replicas had seen: the new write's causal history (measuring only).</summary>
        public CausalHistory Seen { get; set; } = CausalHistory.Empty;
        public CapMessage PhaseMessage { get; set; } = null!;
        public int TicksSinceSend { get; set; }
    }
}

using Course.Simulation;

namespace Course.Distributed.Cap;

/// <summary>
/// CP: an atomic multi-writer register per key on majority quorums (Attiya, Bar-Noy &amp; Dolev 1995;
/// Lynch &amp; Shvartsman 1997). Every replica stores a tagged value per key and can coordinate a client's
/// request. A write asks a majority for their newest tag, then stores tag+1 at a majority; a read asks a
/// majority and writes the newest value back to a majority before answering, so no later read can see an
/// older one. Linearizable; a coordinator that cannot reach a majority refuses — the C in CAP, paid for in A.
/// </summary>
public sealed partial class AbdReplica : ICapReplica
{
    private readonly Dictionary<string, TaggedValue> _store = new(StringComparer.Ordinal);
    private readonly Queue<(NodeId From, CapMessage Message)> _loopback = new();
    private readonly HashSet<(NodeId, long, int)> _handled = [];
    private readonly TimeSpan _quorumTimeout;
    private readonly int _retransmitTicks;
    private INodeContext<CapMessage> _context = null!;

    /// <param name="quorumTimeout">How long a coordinator waits for a majority before giving up on a request.</param>
    /// <param name="retransmitTicks">Ticks between re-sends to replicas that have not answered (for lossy networks).</param>
    public AbdReplica(TimeSpan quorumTimeout, int retransmitTicks = 5)
    {
        _quorumTimeout = quorumTimeout > TimeSpan.Zero
            ? quorumTimeout
            : throw new ArgumentOutOfRangeException(nameof(quorumTimeout), quorumTimeout, "quorumTimeout must be positive.");
        _retransmitTicks = retransmitTicks >= 1
            ? retransmitTicks
            : throw new ArgumentOutOfRangeException(nameof(retransmitTicks), retransmitTicks, "retransmitTicks must be at least 1.");
    }

    public void Start(INodeContext<CapMessage> context) => _context = context;

    public void Receive(NodeId from, CapMessage message)
    {
        Handle(from, message);
        DrainLoopback();
    }

    public void Tick()
    {
        ExpireAndRetransmit();
        DrainLoopback();
    }

    public IReadOnlyList<string> LocalValues(string key) => _store.TryGetValue(key, out var v) ? [v.Value] : [];

    public string StateDigest() =>
        string.Join("; ", _store.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value.Value}@{kv.Value.Tag}"));

    private TaggedValue Stored(string key) => _store.GetValueOrDefault(key) ?? TaggedValue.Initial;

    private void Handle(NodeId from, CapMessage message)
    {
        switch (message)
        {
            case ClientRequest request when _handled.Add(request.AttemptFrom(from)): Begin(from, request); break;
            case AbdQuery query: SendTo(from, new AbdQueryReply(query.OperationId, Stored(query.Key))); break;
            case AbdUpdate update:
                // Only ever move forward: a delayed or duplicated update with an older tag changes nothing.
                if (update.Value.Tag > Stored(update.Key).Tag) _store[update.Key] = update.Value;
                SendTo(from, new AbdUpdateAck(update.OperationId));
                break;
            case AbdQueryReply reply: OnQueryReply(from, reply); break;
            case AbdUpdateAck ack: OnUpdateAck(from, ack); break;
        }
    }

    // A coordinator is also one of the replicas it asks; its own answers go through this queue rather than the network.
    private void SendTo(NodeId to, CapMessage message)
    {
        if (to == _context.Self) _loopback.Enqueue((to, message));
        else _context.Send(to, message);
    }

    private void DrainLoopback()
    {
        while (_loopback.TryDequeue(out var item)) Handle(item.From, item.Message);
    }
}

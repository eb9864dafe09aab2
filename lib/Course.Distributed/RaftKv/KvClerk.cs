using Course.Simulation;

namespace Course.Distributed.RaftKv;

/// <summary>One finished (or abandoned) client operation, with the virtual times a client saw.</summary>
public sealed record KvOperationRecord(long ClientId, KvOp Op, string Key, string Value, string? Result, TimeSpan Call, TimeSpan? Return);

/// <summary>
/// A key/value client (6.5840's Clerk) as a simulated node: one operation at a time, sent to the server it
/// believes leads; on a wrong-leader reply or a timeout it retries elsewhere with the SAME sequence number,
/// which is what lets servers apply a retried write only once.
/// </summary>
public sealed class KvClerk : INode<KvMessage>
{
    private readonly NodeId[] _servers;
    private readonly int _timeoutTicks;
    private readonly Queue<(KvOp Op, string Key, string Value)> _queue = new();
    private readonly List<KvOperationRecord> _history = [];
    private INodeContext<KvMessage> _context = null!;
    private (KvOp Op, string Key, string Value, long Sequence, TimeSpan Call)? _outstanding;
    private long _sequence;
    private int _leaderGuess;
    private int _ticksWaiting;

    public KvClerk(IReadOnlyList<NodeId> servers, int timeoutTicks = 25)
    {
        if (servers.Count == 0) throw new ArgumentException("A clerk needs at least one server.", nameof(servers));
        _servers = servers.ToArray();
        _timeoutTicks = timeoutTicks > 0 ? timeoutTicks : throw new ArgumentOutOfRangeException(nameof(timeoutTicks), timeoutTicks, "timeoutTicks must be positive.");
    }

    public long ClientId { get; private set; }

    /// <summary>Send each Get to a random replica ("read from the nearest copy") instead of the leader.</summary>
    public bool ReadFromAnyReplica { get; init; }
    public IReadOnlyList<KvOperationRecord> History => _history;
    public bool Idle => _outstanding is null && _queue.Count == 0;
    public int Retries { get; private set; }

    /// <summary>Called when an operation completes, e.g. to submit the next one (a closed-loop workload).</summary>
    public Action<KvClerk>? OnCompleted { get; set; }

    public void Start(INodeContext<KvMessage> context)
    {
        _context = context;
        ClientId = context.Random.NextInt64(1, long.MaxValue); // 6.5840's nrand(): unique with high probability
    }

    public void Submit(KvOp op, string key, string value = "")
    {
        ArgumentNullException.ThrowIfNull(key);
        _queue.Enqueue((op, key, value ?? ""));
        if (_outstanding is null) SendNext();
    }

    /// <summary>Operations still in flight count as never returned: they may or may not have taken effect.</summary>
    public IReadOnlyList<KvOperationRecord> HistoryWithPending() =>
        _outstanding is { } o ? [.. _history, new KvOperationRecord(ClientId, o.Op, o.Key, o.Value, null, o.Call, null)] : _history;

    public void Receive(NodeId from, KvMessage message)
    {
        if (message is not KvReply reply || _outstanding is not { } o || reply.Sequence != o.Sequence) return; // stale or duplicate
        if (reply.Status == KvStatus.WrongLeader)
        {
            _leaderGuess = reply.LeaderHint is { } hint && _servers.Contains(hint) && hint != _servers[_leaderGuess]
                ? Array.IndexOf(_servers, hint)
                : (_leaderGuess + 1) % _servers.Length;
            Resend();
            return;
        }
        _history.Add(new KvOperationRecord(ClientId, o.Op, o.Key, o.Value, reply.Value, o.Call, _context.Now));
        _outstanding = null;
        OnCompleted?.Invoke(this);
        if (_outstanding is null && _queue.Count > 0) SendNext();
    }

    public void Tick()
    {
        if (_outstanding is null || ++_ticksWaiting < _timeoutTicks) return;
        _leaderGuess = (_leaderGuess + 1) % _servers.Length; // the leader may be dead or partitioned: try another
        Resend();
    }

    private void SendNext()
    {
        var (op, key, value) = _queue.Dequeue();
        _outstanding = (op, key, value, ++_sequence, _context.Now);
        _ticksWaiting = 0;
        var target = op == KvOp.Get && ReadFromAnyReplica ? _servers[_context.Random.Next(_servers.Length)] : _servers[_leaderGuess];
        _context.Send(target, new KvRequest(ClientId, _sequence, op, key, value));
    }

    private void Resend()
    {
        var o = _outstanding!.Value;
        Retries++;
        _ticksWaiting = 0;
        _context.Send(_servers[_leaderGuess], new KvRequest(ClientId, o.Sequence, o.Op, o.Key, o.Value));
    }
}

using Course.Distributed.Raft;
using Course.Simulation;

namespace Course.Distributed.RaftKv;

/// <summary>
/// A linearizable key/value server on Raft (6.5840 lab 4): every operation, reads included, goes through the
/// log, so it takes effect at one point between its call and its reply. Retries are filtered by
/// (client, sequence), so Put and Append apply exactly once. With <c>maxRaftState</c> set, the server
/// snapshots its state whenever Raft's persisted state grows past it.
/// </summary>
public sealed class KvServer : INode<KvMessage>
{
    /// <summary>
    /// How Get is served. <see cref="KvReadMode.Log"/> is linearizable; <see cref="KvReadMode.LocalUnsafe"/> answers
    /// from whatever replica the client reached — fast, available, and stale under partitions (for the notebook's
    /// counterexample; never use it).
    /// </summary>
    public KvReadMode ReadMode { get; init; } = KvReadMode.Log;

    private readonly RaftNode _raft;
    private readonly KvStateMachine _state = new();
    private readonly Dictionary<long, (NodeId Client, KvCommand Command, long Term)> _pending = [];
    private readonly long _maxRaftState;
    private INodeContext<KvMessage> _context = null!;

    public KvServer(RaftOptions? options = null, long maxRaftState = -1)
    {
        _raft = new RaftNode(options, OnApply);
        _maxRaftState = maxRaftState;
    }

    public RaftNode Raft => _raft;
    public KvStateMachine State => _state;

    public void Start(INodeContext<KvMessage> context)
    {
        _context = context;
        _raft.Start(new MappedNodeContext<RaftMessage, KvMessage>(context, m => new RaftTraffic(m)));
    }

    public void Receive(NodeId from, KvMessage message)
    {
        switch (message)
        {
            case RaftTraffic t: _raft.Receive(from, t.Inner); break;
            case KvRequest r: HandleRequest(from, r); break;
        }
    }

    public void Tick()
    {
        _raft.Tick();
        // Lost leadership: requests waiting for their entry may never see it commit. Tell the clients now.
        if (_pending.Count > 0 && !_raft.IsLeader) FailPending(_ => true);
    }

    private void HandleRequest(NodeId from, KvRequest request)
    {
        if (request.Op == KvOp.Get && ReadMode == KvReadMode.LocalUnsafe)
        {
            _context.Send(from, new KvReply(request.ClientId, request.Sequence, KvStatus.Ok, _state.Data.GetValueOrDefault(request.Key, ""), _context.Self));
            return;
        }
        if (!_raft.IsLeader)
        {
            _context.Send(from, new KvReply(request.ClientId, request.Sequence, KvStatus.WrongLeader, "", _raft.LeaderId));
            return;
        }
        var command = new KvCommand(request.ClientId, request.Sequence, request.Op, request.Key, request.Value);
        var (index, term, _) = _raft.Propose(command.Encode());
        _pending[index] = (from, command, term);
    }

    private void OnApply(ApplyMsg message)
    {
        switch (message)
        {
            case ApplyMsg.Command c:
                var command = KvCommand.Decode(c.Value);
                var (status, value) = _state.Apply(c.Index, command);
                if (_pending.Remove(c.Index, out var waiting))
                {
                    // Another leader may have put a different command at this index: that client must retry.
                    var ours = waiting.Command.ClientId == command.ClientId && waiting.Command.Sequence == command.Sequence;
                    _context.Send(waiting.Client, ours
                        ? new KvReply(command.ClientId, command.Sequence, status, value, _context.Self)
                        : new KvReply(waiting.Command.ClientId, waiting.Command.Sequence, KvStatus.WrongLeader, "", null));
                }
                if (_maxRaftState > 0 && _raft.PersistedStateSize >= _maxRaftState)
                    _raft.Snapshot(c.Index, _state.Snapshot());
                break;
            case ApplyMsg.Snapshot s:
                _state.Restore(s.Data);
                FailPending(index => index <= s.Index);
                break;
        }
    }

    private void FailPending(Func<long, bool> which)
    {
        foreach (var index in _pending.Keys.Where(which).ToArray())
        {
            var waiting = _pending[index];
            _pending.Remove(index);
            _context.Send(waiting.Client, new KvReply(waiting.Command.ClientId, waiting.Command.Sequence, KvStatus.WrongLeader, "", _raft.LeaderId));
        }
    }
}

using Course.Simulation;

namespace Course.Distributed.Raft;

/// <summary>
/// A Raft server (Ongaro &amp; Ousterhout, "In Search of an Understandable Consensus Algorithm", 2014) as a
/// sans-I/O state machine: ticks and messages in, messages and durable writes out. Committed commands go
/// to <c>apply</c> in log order. Runs unchanged in the simulator and over a real transport.
/// </summary>
public sealed partial class RaftNode : INode<RaftMessage>
{
    private readonly RaftOptions _options;
    private readonly Action<ApplyMsg> _apply;
    private INodeContext<RaftMessage> _context = null!;

    // Persistent state on all servers (Figure 2), mirrored in durable storage.
    private long _currentTerm;
    private NodeId? _votedFor;
    private readonly RaftLog _log = new();

    // Volatile state on all servers.
    private long _commitIndex;
    private long _lastApplied;
    private int _electionElapsed;
    private int _electionTimeout;
    private readonly HashSet<NodeId> _votes = [];
    private bool _applying;

    public RaftNode(RaftOptions? options = null, Action<ApplyMsg>? apply = null)
    {
        _options = options ?? new RaftOptions();
        _options.Validate();
        _apply = apply ?? (_ => { });
    }

    public NodeId Id => _context.Self;
    public RaftRole Role { get; private set; }
    public long CurrentTerm => _currentTerm;
    public NodeId? VotedFor => _votedFor;
    public NodeId? LeaderId { get; private set; }
    public long CommitIndex => _commitIndex;
    public long LastApplied => _lastApplied;
    public RaftLog Log => _log;
    public bool IsLeader => Role == RaftRole.Leader;

    /// <summary>Bytes of persisted Raft state (without the snapshot): 6.5840's persister.RaftStateSize().</summary>
    public long PersistedStateSize => _context.Storage.SizeOf(RaftPersistence.StateKey);

    public void Start(INodeContext<RaftMessage> context)
    {
        _context = context;
        (_currentTerm, _votedFor) = RaftPersistence.Load(context.Storage, _log);
        // Everything in the snapshot was committed and applied before the crash; the service gets it back first.
        _commitIndex = _lastApplied = _log.SnapshotIndex;
        if (RaftPersistence.LoadSnapshot(context.Storage) is { } snapshot && snapshot.Index == _log.SnapshotIndex && snapshot.Index > 0)
            _apply(new ApplyMsg.Snapshot(snapshot.Index, snapshot.Term, snapshot.Data));
        BecomeFollower(_currentTerm, leader: null);
        NoteRole();
    }

    public void Tick()
    {
        if (Role == RaftRole.Leader)
        {
            LeaderTick();
            return;
        }
        if (++_electionElapsed >= _electionTimeout)
        {
            if (_options.PreVote) StartPreVote();
            else StartElection();
        }
    }

    public void Receive(NodeId from, RaftMessage message)
    {
        // §5.1: a newer term seen anywhere turns us into a follower of that term. Pre-vote traffic carries
        // hypothetical terms and must not (thesis §9.6).
        if (message.Term > _currentTerm && message is not RequestVote { PreVote: true } && message is not RequestVoteReply { PreVote: true, VoteGranted: true })
            BecomeFollower(message.Term, leader: message is AppendEntries or InstallSnapshot ? from : null);

        switch (message)
        {
            case RequestVote m: HandleRequestVote(from, m); break;
            case RequestVoteReply m: HandleRequestVoteReply(from, m); break;
            case AppendEntries m: HandleAppendEntries(from, m); break;
            case AppendEntriesReply m: HandleAppendEntriesReply(from, m); break;
            case InstallSnapshot m: HandleInstallSnapshot(from, m); break;
            case InstallSnapshotReply m: HandleInstallSnapshotReply(from, m); break;
        }
    }

    /// <summary>
    /// The service asks the leader to replicate a command. Returns the index it will have if it commits, the
    /// current term, and whether this node believes it is the leader (6.5840's Start).
    /// </summary>
    public (long Index, long Term, bool IsLeader) Propose(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (Role != RaftRole.Leader) return (-1, _currentTerm, false);
        var entry = new LogEntry(_log.LastIndex + 1, _currentTerm, command);
        _log.Append(entry);
        Persist();
        _matchIndex[Id] = entry.Index;
        if (Peers.Count == 1) AdvanceCommitIndex();
        return (entry.Index, _currentTerm, true);
    }

    private IReadOnlyList<NodeId> Peers => _context.Peers;
    private int Majority => Peers.Count / 2 + 1;

    private void Persist(byte[]? snapshot = null) => RaftPersistence.Save(_context.Storage, _currentTerm, _votedFor, _log, snapshot);

    private void BecomeFollower(long term, NodeId? leader)
    {
        var changed = term != _currentTerm;
        if (changed)
        {
            _currentTerm = term;
            _votedFor = null;
            Persist();
        }
        var wasRole = Role;
        Role = RaftRole.Follower;
        LeaderId = leader;
        ResetElectionTimer();
        if (changed || wasRole != RaftRole.Follower) NoteRole();
    }

    private void ResetElectionTimer()
    {
        _electionElapsed = 0;
        _electionTimeout = _context.Random.Next(_options.ElectionTimeoutMinTicks, _options.ElectionTimeoutMaxTicks);
    }

    private void NoteRole() => _context.Note("role", $"{Role} term={_currentTerm}");

    /// <summary>Hands committed entries to the service, in order, exactly once each.</summary>
    private void ApplyCommitted()
    {
        if (_applying) return; // the service may call Snapshot from inside apply; the outer loop continues
        _applying = true;
        try
        {
            while (_lastApplied < _commitIndex)
            {
                var entry = _log.EntryAt(_lastApplied + 1);
                _lastApplied = entry.Index;
                _apply(new ApplyMsg.Command(entry.Index, entry.Term, entry.Command));
            }
        }
        finally { _applying = false; }
    }
}

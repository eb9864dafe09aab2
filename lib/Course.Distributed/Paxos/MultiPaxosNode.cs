using Course.Simulation;

namespace Course.Distributed.Paxos;

/// <summary>
/// Multi-Paxos with a stable leader ("Paxos Made Simple" §3), as a sans-I/O node that is proposer, acceptor
/// and learner at once. The node with the highest ballot heard from recently is the leader. A node that
/// hears nothing from it for a random timeout runs phase 1 once, for every slot from its first unknown one;
/// with a majority of promises it re-proposes whatever they report accepted, fills the holes with
/// <see cref="NoOp"/>, and from then on each new command costs one Accept/Accepted round trip. Commands
/// submitted to any other node are forwarded to the leader and retried until they appear in the log.
/// </summary>
public sealed partial class MultiPaxosNode : INode<MultiPaxosMessage>
{
    /// <summary>What a new leader proposes in a slot no acceptor of its majority accepted anything in (§3).</summary>
    public const string NoOp = "(no-op)";

    private const string RoundKey = "multipaxos/round";
    private readonly MultiPaxosOptions _options;
    private readonly Action<int, string>? _onApplied;
    private INodeContext<MultiPaxosMessage> _context = null!;
    private MultiAcceptor _acceptor = null!;
    private ReplicatedLog _log = null!;
    private int _round;
    private Ballot _leaderBallot;
    private int _ticksSinceLeader;
    private int _electionTimeout;
    private long _ticks;

    /// <param name="options">Timers; defaults if null.</param>
    /// <param name="onApplied">Called for every slot applied, in slot order (again from slot 0 after a restart).</param>
    public MultiPaxosNode(MultiPaxosOptions? options = null, Action<int, string>? onApplied = null)
    {
        _options = options ?? new MultiPaxosOptions();
        _onApplied = onApplied;
    }

    public enum Role { Follower, Candidate, Leader }

    public NodeId Id => _context.Self;
    public Role CurrentRole { get; private set; }

    /// <summary>This node's own ballot while it is a candidate or the leader.</summary>
    public Ballot Ballot { get; private set; }

    /// <summary>The node this one believes leads (the proposer of the highest ballot it saw), or null.</summary>
    public NodeId? KnownLeader => _leaderBallot.IsZero ? null : _leaderBallot.Proposer;

    /// <summary>The acceptor's promise, shared by all slots.</summary>
    public Ballot Promised => _acceptor.Promised;

    /// <summary>The chosen log applied so far, slot by slot (no-ops included, no gaps).</summary>
    public IReadOnlyList<string> Log => _log.Entries;

    /// <summary>The commands executed in order (no-ops and repeated commands skipped).</summary>
    public IReadOnlyList<string> Applied => _log.Applied;

    /// <summary>Whether the state machine has executed <paramref name="command"/> (a set lookup, for harness checks).</summary>
    public bool HasApplied(string command) => _log.HasApplied(command);

    public void Start(INodeContext<MultiPaxosMessage> context)
    {
        _context = context;
        if (context.Storage.Read(RoundKey) is { } round) _round = DurableCodec.Decode(round, r => r.ReadInt32());
        _acceptor = new MultiAcceptor(context);
        _log = new ReplicatedLog(context, OnChosen, _onApplied);
        _leaderBallot = _acceptor.Promised;
        _electionTimeout = _options.RandomElectionTimeout(context.Random);
    }

    /// <summary>
    /// A client submits <paramref name="command"/> here. The leader proposes it at once; any other node
    /// forwards it and keeps retrying until it sees it chosen. Commands are identified by their text.
    /// </summary>
    public void Submit(string command)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        if (command == NoOp) throw new ArgumentException($"\"{NoOp}\" is reserved for filling holes.", nameof(command));
        if (_log.Contains(command)) return;
        AddPending(command);
        if (CurrentRole == Role.Leader) ProposeNew(command);
        else ForwardPending();
    }

    public void Receive(NodeId from, MultiPaxosMessage message)
    {
        switch (message)
        {
            case MultiPaxosMessage.Prepare prepare:
                Observe(from, prepare.Ballot);
                _acceptor.OnPrepare(from, prepare);
                break;
            case MultiPaxosMessage.Accept accept:
                Observe(from, accept.Ballot);
                _acceptor.OnAccept(from, accept);
                break;
            case MultiPaxosMessage.Heartbeat heartbeat:
                Observe(from, heartbeat.Ballot);
                if (heartbeat.Ballot < _acceptor.Promised)
                    _context.Send(from, new MultiPaxosMessage.Nack(heartbeat.Ballot, _acceptor.Promised));
                else if (_log.Prefix < heartbeat.ChosenPrefix)
                    _context.Send(from, new MultiPaxosMessage.CatchUp(_log.Prefix));
                break;
            case MultiPaxosMessage.Promise promise:
                OnPromise(from, promise);
                break;
            case MultiPaxosMessage.Accepted accepted:
                _log.OnAccepted(from, accepted);
                break;
            case MultiPaxosMessage.Nack nack:
                OnNack(nack);
                break;
            case MultiPaxosMessage.CatchUp catchUp:
                var end = Math.Min(_log.Prefix, catchUp.FromSlot + _options.CatchUpBatch);
                for (var slot = Math.Max(0, catchUp.FromSlot); slot < end; slot++)
                    _context.Send(from, new MultiPaxosMessage.Chosen(slot, _log.Entries[slot]));
                break;
            case MultiPaxosMessage.Chosen chosen:
                _log.Learn(chosen.Slot, chosen.Command);
                break;
            case MultiPaxosMessage.Forward forward:
                if (_log.Contains(forward.Command)) break;
                AddPending(forward.Command);
                if (CurrentRole == Role.Leader) ProposeNew(forward.Command);
                break;
        }
    }

    public void Tick()
    {
        _ticks++;
        if (CurrentRole == Role.Leader)
        {
            LeaderTick();
            return;
        }
        if (++_ticksSinceLeader >= _electionTimeout)
        {
            StartElection();
            return;
        }
        if (CurrentRole == Role.Candidate) CandidateTick();
        else ForwardPending();
    }

    /// <summary>
    /// Leadership by ballots: a higher ballot than any seen means a newer would-be leader, so a candidate or
    /// leader with a lower one stands down; hearing from the current leader's proposer resets the timeout.
    /// </summary>
    private void Observe(NodeId from, Ballot ballot)
    {
        if (ballot > _leaderBallot)
        {
            _leaderBallot = ballot;
            if (CurrentRole != Role.Follower) StepDown($"saw {ballot}");
        }
        if (ballot == _leaderBallot && from == ballot.Proposer) _ticksSinceLeader = 0;
    }

    private void OnNack(MultiPaxosMessage.Nack nack)
    {
        if (nack.Promised > _leaderBallot) _leaderBallot = nack.Promised;
        if (CurrentRole != Role.Follower && nack.Ballot == Ballot && nack.Promised > Ballot) StepDown($"nack: {nack.Promised}");
    }

    private void StepDown(string why)
    {
        _context.Note("step-down", $"{Ballot} ({why})");
        CurrentRole = Role.Follower;
        ClearLeaderState();
        _ticksSinceLeader = 0;
        _electionTimeout = _options.RandomElectionTimeout(_context.Random);
    }

    private void PersistRound() => _context.Storage.Write(RoundKey, DurableCodec.Encode(w => w.Write(_round)));
}

using Course.Simulation;

namespace Course.Distributed.Paxos;

/// <summary>The proposer half of <see cref="MultiPaxosNode"/>: election by phase 1, then one phase 2 per command.</summary>
public sealed partial class MultiPaxosNode
{
    private readonly Dictionary<NodeId, MultiPaxosMessage.Promise> _promises = [];
    private readonly SortedDictionary<int, (string Command, long SentAt)> _open = [];
    private readonly HashSet<string> _openCommands = new(StringComparer.Ordinal);
    private int _fromSlot;
    private int _nextSlot;
    private long _lastHeartbeat;
    private long _lastPrepare;

    /// <summary>
    /// Phase 1 for all slots from the first one this node does not know to be chosen. The round is on storage
    /// before Prepare leaves, so no ballot is ever used twice (§2.5).
    /// </summary>
    private void StartElection()
    {
        _round = Math.Max(_round, Math.Max(_leaderBallot.Round, _acceptor.Promised.Round)) + 1;
        PersistRound();
        ClearLeaderState();
        Ballot = new Ballot(_round, _context.Self);
        _leaderBallot = Ballot;
        CurrentRole = Role.Candidate;
        _fromSlot = _log.Prefix;
        _ticksSinceLeader = 0;
        _electionTimeout = _options.RandomElectionTimeout(_context.Random);
        _context.Note("election", $"{Ballot} from slot {_fromSlot}");
        SendPrepares();
    }

    /// <summary>Prepare to every acceptor that has not promised yet; resent on a lossy network (same ballot: idempotent).</summary>
    private void SendPrepares()
    {
        _lastPrepare = _ticks;
        foreach (var acceptor in _context.Peers)
            if (!_promises.ContainsKey(acceptor)) _context.Send(acceptor, new MultiPaxosMessage.Prepare(Ballot, _fromSlot));
    }

    private void CandidateTick()
    {
        if (_ticks - _lastPrepare >= _options.RetransmitTicks) SendPrepares();
    }

    private void OnPromise(NodeId from, MultiPaxosMessage.Promise promise)
    {
        if (CurrentRole != Role.Candidate || promise.Ballot != Ballot) return;
        _promises[from] = promise;
        if (_promises.Count >= Quorum.Majority(_context.Peers.Count)) BecomeLeader();
    }

    /// <summary>
    /// A majority promised: in each open slot propose the highest-ballot value any of them accepted (P2c),
    /// and a no-op where none did, so the log has no holes. Then new commands go straight to phase 2.
    /// </summary>
    private void BecomeLeader()
    {
        var highest = new Dictionary<int, SlotProposal>();
        foreach (var proposal in _promises.Values.SelectMany(p => p.Proposals))
            if (!highest.TryGetValue(proposal.Slot, out var seen) || proposal.Ballot > seen.Ballot)
                highest[proposal.Slot] = proposal;
        var last = Math.Max(_fromSlot - 1, Math.Max(_log.HighestChosen, highest.Count == 0 ? -1 : highest.Keys.Max()));

        CurrentRole = Role.Leader;
        _promises.Clear();
        int reproposed = 0, holes = 0;
        for (var slot = _fromSlot; slot <= last; slot++)
        {
            if (_log.IsChosen(slot)) continue;
            if (highest.TryGetValue(slot, out var accepted)) { reproposed++; Open(slot, accepted.Command); }
            else { holes++; Open(slot, NoOp); }
        }
        _nextSlot = last + 1;
        _context.Note("leader", $"{Ballot} from slot {_fromSlot}: {reproposed} re-proposed, {holes} holes filled, next slot {_nextSlot}");
        SendHeartbeats();
        foreach (var command in _pending.ToArray()) ProposeNew(command);
    }

    /// <summary>The steady state: one Accept per new command, no phase 1 (§3).</summary>
    private void ProposeNew(string command)
    {
        if (CurrentRole != Role.Leader || _log.Contains(command) || _openCommands.Contains(command)) return;
        Open(_nextSlot++, command);
    }

    private void Open(int slot, string command)
    {
        _open[slot] = (command, _ticks);
        _openCommands.Add(command);
        foreach (var acceptor in _context.Peers) _context.Send(acceptor, new MultiPaxosMessage.Accept(Ballot, slot, command));
    }

    private void LeaderTick()
    {
        if (_ticks - _lastHeartbeat >= _options.HeartbeatTicks) SendHeartbeats();
        foreach (var (slot, (command, sentAt)) in _open.ToArray())
            if (_ticks - sentAt >= _options.RetransmitTicks) Open(slot, command); // lost Accept or Accepted: ask again
        foreach (var command in _pending.ToArray()) ProposeNew(command);
    }

    private void SendHeartbeats()
    {
        _lastHeartbeat = _ticks;
        foreach (var peer in _context.Peers)
            if (peer != _context.Self) _context.Send(peer, new MultiPaxosMessage.Heartbeat(Ballot, _log.Prefix));
    }

    /// <summary>The log learned <paramref name="command"/> in <paramref name="slot"/>: close the slot, drop the request.</summary>
    private void OnChosen(int slot, string command)
    {
        if (_open.Remove(slot, out var open)) _openCommands.Remove(open.Command);
        RemovePending(command);
        if (CurrentRole == Role.Leader && open.Command is { } mine && mine != command && mine != NoOp) ProposeNew(mine);
    }

    private void ClearLeaderState()
    {
        _promises.Clear();
        _open.Clear();
        _openCommands.Clear();
    }
}

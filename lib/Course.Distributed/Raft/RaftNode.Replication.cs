using Course.Simulation;

namespace Course.Distributed.Raft;

public sealed partial class RaftNode
{
    // Volatile state on leaders (Figure 2), reinitialised after election.
    private readonly Dictionary<NodeId, long> _nextIndex = [];
    private readonly Dictionary<NodeId, long> _matchIndex = [];
    // Flow control: the last index sent to each follower, and ticks since anything was sent to it.
    private readonly Dictionary<NodeId, long> _sentThrough = [];
    private readonly Dictionary<NodeId, int> _ticksSinceSend = [];

    /// <summary>
    /// Each tick the leader sends new entries to followers that lack them, and a heartbeat to anyone it has
    /// not written to for a heartbeat interval. Commands proposed within one tick share one AppendEntries.
    /// </summary>
    private void LeaderTick()
    {
        foreach (var peer in Peers)
        {
            if (peer == Id) continue;
            var idle = _ticksSinceSend[peer] = _ticksSinceSend.GetValueOrDefault(peer) + 1;
            var hasNew = _log.LastIndex > _sentThrough.GetValueOrDefault(peer);
            if (hasNew || idle >= _options.HeartbeatTicks) SendAppendEntries(peer);
        }
    }

    private void SendAppendEntries(NodeId peer)
    {
        _ticksSinceSend[peer] = 0;
        var next = _nextIndex[peer];
        if (next <= _log.SnapshotIndex)
        {
            // The entries this follower needs are compacted: send the snapshot instead (§7).
            var snapshot = RaftPersistence.LoadSnapshot(_context.Storage)
                ?? throw new InvalidOperationException($"Log compacted through {_log.SnapshotIndex} but no snapshot is stored.");
            // Counts as "everything sent": resend only after a heartbeat interval of silence, not every tick.
            _sentThrough[peer] = _log.LastIndex;
            _context.Send(peer, new InstallSnapshot(_currentTerm, Id, snapshot.Index, snapshot.Term, snapshot.Data));
            return;
        }
        var prev = next - 1;
        var entries = _log.Slice(next, _options.MaxEntriesPerMessage);
        _sentThrough[peer] = Math.Max(_sentThrough.GetValueOrDefault(peer), prev + entries.Count);
        _context.Send(peer, new AppendEntries(_currentTerm, Id, prev, _log.TermAt(prev)!.Value, entries, _commitIndex));
    }

    private void HandleAppendEntries(NodeId from, AppendEntries request)
    {
        // 1. Reply false if term < currentTerm (§5.1).
        if (request.Term < _currentTerm)
        {
            _context.Send(from, new AppendEntriesReply(_currentTerm, false, 0, -1, 0, _log.LastIndex + 1));
            return;
        }
        // A current leader exists: a candidate of the same term steps down (§5.2), and the timer resets.
        if (Role != RaftRole.Follower || LeaderId != from) BecomeFollower(request.Term, from);
        ResetElectionTimer();

        var prevIndex = request.PrevLogIndex;
        var prevTerm = request.PrevLogTerm;
        IEnumerable<LogEntry> entries = request.Entries;
        if (prevIndex < _log.SnapshotIndex)
        {
            // Entries up to our snapshot are committed, hence identical to the leader's: skip them.
            entries = request.Entries.Where(e => e.Index > _log.SnapshotIndex).ToArray();
            if (request.Entries.Count > 0 && request.Entries[^1].Index < _log.SnapshotIndex)
            {
                _context.Send(from, new AppendEntriesReply(_currentTerm, true, _log.SnapshotIndex, 0, 0, _log.LastIndex + 1));
                return;
            }
            prevIndex = _log.SnapshotIndex;
            prevTerm = _log.SnapshotTerm;
        }

        // 2. Reply false if the log has no entry at prevLogIndex whose term matches prevLogTerm (§5.3),
        // with hints so the leader can skip a whole conflicting term in one step.
        var ourPrevTerm = _log.TermAt(prevIndex);
        if (ourPrevTerm != prevTerm)
        {
            var reply = ourPrevTerm is null
                ? new AppendEntriesReply(_currentTerm, false, 0, -1, 0, _log.LastIndex + 1)
                : new AppendEntriesReply(_currentTerm, false, 0, ourPrevTerm.Value, _log.FirstIndexOfTerm(ourPrevTerm.Value, prevIndex), _log.LastIndex + 1);
            _context.Send(from, reply);
            return;
        }

        // 3–4. Delete a conflicting suffix and append what is new. Never truncate on matching entries: a
        // delayed, shorter AppendEntries must not erase entries a newer one already added.
        var changed = false;
        long last = prevIndex;
        foreach (var entry in entries)
        {
            last = entry.Index;
            var existing = _log.TermAt(entry.Index);
            if (existing == entry.Term) continue;
            if (existing is not null) _log.TruncateFrom(entry.Index);
            _log.Append(entry);
            changed = true;
        }
        if (changed) Persist(); // before acknowledging: the leader will count this follower towards commit

        // 5. Advance commitIndex, but never past what this message proved we share with the leader.
        if (request.LeaderCommit > _commitIndex)
        {
            var newCommit = Math.Min(request.LeaderCommit, last);
            if (newCommit > _commitIndex)
            {
                _commitIndex = newCommit;
                NoteCommit();
                ApplyCommitted();
            }
        }
        _context.Send(from, new AppendEntriesReply(_currentTerm, true, last, 0, 0, _log.LastIndex + 1));
    }

    private void HandleAppendEntriesReply(NodeId from, AppendEntriesReply reply)
    {
        if (Role != RaftRole.Leader || reply.Term != _currentTerm) return; // stale
        if (reply.Success)
        {
            if (reply.MatchIndex > _matchIndex[from]) _matchIndex[from] = reply.MatchIndex;
            _nextIndex[from] = Math.Max(_nextIndex[from], _matchIndex[from] + 1);
            AdvanceCommitIndex();
            return;
        }
        // Fast backtracking: jump over the follower's whole conflicting term, or to the end of its log.
        long next;
        if (reply.ConflictTerm < 0) next = reply.LogLength;
        else next = _log.LastIndexOfTerm(reply.ConflictTerm) is { } lastOfTerm ? lastOfTerm + 1 : reply.ConflictIndex;
        next = Math.Clamp(next, _matchIndex[from] + 1, _log.LastIndex + 1);
        if (next >= _nextIndex[from] && reply.ConflictTerm >= 0) next = Math.Min(next, _nextIndex[from] - 1);
        _nextIndex[from] = Math.Max(next, _matchIndex[from] + 1);
        _sentThrough[from] = _nextIndex[from] - 1;
        SendAppendEntries(from);
    }

    /// <summary>
    /// Commit the highest index stored on a majority — but only counting entries of the current term
    /// (§5.4.2, Figure 8): an old-term entry on a majority can still be overwritten; it commits indirectly.
    /// </summary>
    private void AdvanceCommitIndex()
    {
        var matched = Peers.Select(p => p == Id ? _log.LastIndex : _matchIndex.GetValueOrDefault(p)).OrderDescending().ToArray();
        var majorityMatch = matched[Majority - 1];
        if (majorityMatch <= _commitIndex || _log.TermAt(majorityMatch) != _currentTerm) return;
        _commitIndex = majorityMatch;
        NoteCommit();
        ApplyCommitted();
    }

    private void NoteCommit() => _context.Note("commit", _commitIndex.ToString());
}

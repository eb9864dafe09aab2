using Course.Simulation;

namespace Course.Distributed.Raft;

public sealed partial class RaftNode
{
    /// <summary>
    /// The service has saved its state through <paramref name="index"/> in <paramref name="snapshot"/>: Raft may
    /// discard those log entries (§7, log compaction). Only applied entries can be snapshotted.
    /// </summary>
    public void Snapshot(long index, byte[] snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (index > _lastApplied)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Only applied entries can be snapshotted; applied through {_lastApplied}.");
        if (index <= _log.SnapshotIndex) return; // an older snapshot than the one we have
        _log.CompactThrough(index);
        Persist(snapshot);
        _context.Note("snapshot", index.ToString());
    }

    private void HandleInstallSnapshot(NodeId from, InstallSnapshot request)
    {
        if (request.Term < _currentTerm)
        {
            _context.Send(from, new InstallSnapshotReply(_currentTerm, 0));
            return;
        }
        if (Role != RaftRole.Follower || LeaderId != from) BecomeFollower(request.Term, from);
        ResetElectionTimer();

        // Only a snapshot that moves us forward is worth installing; anything at or below commitIndex is
        // already in our log and will be applied normally.
        if (request.LastIncludedIndex > _commitIndex)
        {
            _log.ResetToSnapshot(request.LastIncludedIndex, request.LastIncludedTerm);
            _commitIndex = _lastApplied = request.LastIncludedIndex;
            Persist(request.Data);
            _context.Note("snapshot", $"installed {request.LastIncludedIndex}");
            _apply(new ApplyMsg.Snapshot(request.LastIncludedIndex, request.LastIncludedTerm, request.Data));
            NoteCommit();
        }
        _context.Send(from, new InstallSnapshotReply(_currentTerm, request.LastIncludedIndex));
    }

    private void HandleInstallSnapshotReply(NodeId from, InstallSnapshotReply reply)
    {
        if (Role != RaftRole.Leader || reply.Term != _currentTerm) return;
        if (reply.LastIncludedIndex > _matchIndex[from]) _matchIndex[from] = reply.LastIncludedIndex;
        _nextIndex[from] = Math.Max(_nextIndex[from], _matchIndex[from] + 1);
        AdvanceCommitIndex();
    }
}

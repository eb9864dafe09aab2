using Course.Simulation;

namespace Course.Distributed.Raft;

public sealed partial class RaftNode
{
    /// <summary>
    /// Thesis §9.6: before disrupting the cluster with a new term, ask whether a majority would vote for us.
    /// A node cut off by a partition keeps failing its pre-vote, so it never inflates its term, and a healed
    /// partition does not depose a working leader.
    /// </summary>
    private void StartPreVote()
    {
        Role = RaftRole.PreCandidate;
        LeaderId = null;
        ResetElectionTimer();
        _votes.Clear();
        _votes.Add(Id);
        NoteRole();
        if (_votes.Count >= Majority) { StartElection(); return; }
        foreach (var peer in Peers)
            if (peer != Id) _context.Send(peer, new RequestVote(_currentTerm + 1, Id, _log.LastIndex, _log.LastTerm, PreVote: true));
    }

    /// <summary>§5.2: increment the term, vote for yourself, ask everyone else.</summary>
    private void StartElection()
    {
        Role = RaftRole.Candidate;
        LeaderId = null;
        _currentTerm++;
        _votedFor = Id;
        Persist(); // the vote for ourselves must survive a crash, or we could vote twice in this term
        ResetElectionTimer();
        _votes.Clear();
        _votes.Add(Id);
        NoteRole();
        if (_votes.Count >= Majority) { BecomeLeader(); return; }
        foreach (var peer in Peers)
            if (peer != Id) _context.Send(peer, new RequestVote(_currentTerm, Id, _log.LastIndex, _log.LastTerm));
    }

    private void HandleRequestVote(NodeId from, RequestVote request)
    {
        if (request.PreVote)
        {
            // Grant only if we would vote in that term AND we have not heard from a live leader lately.
            var leaderAlive = Role == RaftRole.Leader || (LeaderId is not null && _electionElapsed < _options.ElectionTimeoutMinTicks);
            var wouldVote = request.Term > _currentTerm
                && _options.VoteRule.Grant(request, new VoterState(request.Term, null, _log.LastIndex, _log.LastTerm));
            _context.Send(from, new RequestVoteReply(_currentTerm, wouldVote && !leaderAlive, PreVote: true));
            return;
        }

        var granted = _options.VoteRule.Grant(request, new VoterState(_currentTerm, _votedFor, _log.LastIndex, _log.LastTerm));
        if (granted)
        {
            _votedFor = request.CandidateId;
            Persist(); // before replying: a vote given must never be forgotten (Figure 2, persistent state)
            ResetElectionTimer(); // §5.2: granting a vote counts as hearing from a would-be leader
        }
        _context.Send(from, new RequestVoteReply(_currentTerm, granted));
    }

    private void HandleRequestVoteReply(NodeId from, RequestVoteReply reply)
    {
        if (reply.PreVote)
        {
            if (Role != RaftRole.PreCandidate || !reply.VoteGranted) return;
            _votes.Add(from);
            if (_votes.Count >= Majority) StartElection();
            return;
        }
        if (Role != RaftRole.Candidate || reply.Term != _currentTerm || !reply.VoteGranted) return;
        _votes.Add(from);
        if (_votes.Count >= Majority) BecomeLeader();
    }

    private void BecomeLeader()
    {
        Role = RaftRole.Leader;
        LeaderId = Id;
        _nextIndex.Clear();
        _matchIndex.Clear();
        _sentThrough.Clear();
        _ticksSinceSend.Clear();
        foreach (var peer in Peers)
        {
            _nextIndex[peer] = _log.LastIndex + 1;
            _matchIndex[peer] = peer == Id ? _log.LastIndex : 0;
        }
        NoteRole();
        // Assert leadership at once (§5.2): empty AppendEntries stop other elections.
        foreach (var peer in Peers)
            if (peer != Id) SendAppendEntries(peer);
    }
}

using Course.Simulation;

namespace Course.Distributed.Raft;

/// <summary>What a voter knows when it decides on a RequestVote (after adopting a newer term, §5.1).</summary>
public sealed record VoterState(long CurrentTerm, NodeId? VotedFor, long LastLogIndex, long LastLogTerm);

/// <summary>
/// The RequestVote receiver rule of Figure 2, as a plug-in: the week-1 exercise asks the learner to write it,
/// and the checker runs the election scenarios with their rule inside real Raft nodes.
/// </summary>
public interface IVoteRule
{
    bool Grant(RequestVote request, VoterState voter);
}

/// <summary>The reference solution (Figure 2, RequestVote RPC, "Receiver implementation").</summary>
public sealed class ReferenceVoteRule : IVoteRule
{
    public static ReferenceVoteRule Instance { get; } = new();

    public bool Grant(RequestVote request, VoterState voter)
    {
        // 1. Reply false if term < currentTerm.
        if (request.Term < voter.CurrentTerm) return false;
        // 2. One vote per term: only if we have not voted, or voted for this candidate already (a retry).
        if (voter.VotedFor is { } votedFor && votedFor != request.CandidateId) return false;
        // ... and only if the candidate's log is at least as up-to-date as ours (§5.4.1): compare the last
        // terms, then the lengths. This is what keeps committed entries in every future leader's log.
        return request.LastLogTerm > voter.LastLogTerm
            || (request.LastLogTerm == voter.LastLogTerm && request.LastLogIndex >= voter.LastLogIndex);
    }
}

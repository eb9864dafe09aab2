using System.Text;
using Course.Simulation;

namespace Course.Distributed.Raft;

/// <summary>The Raft RPCs of Figure 2 (Ongaro &amp; Ousterhout, 2014), plus snapshots (§7) and pre-vote (thesis §9.6).</summary>
public abstract record RaftMessage(long Term) : IHasSize
{
    /// <summary>Approximate wire size: a header plus commands and snapshot bytes (for the RPCBytes check).</summary>
    public virtual int SizeInBytes => 32;
}

/// <summary>
/// Invoked by candidates to gather votes (§5.2). With <paramref name="PreVote"/> it only asks "would you
/// vote for me?" without anyone changing term (thesis §9.6), so a partitioned node cannot disrupt the cluster.
/// </summary>
public sealed record RequestVote(long Term, NodeId CandidateId, long LastLogIndex, long LastLogTerm, bool PreVote = false) : RaftMessage(Term)
{
    public override string ToString() => $"{(PreVote ? "PreVote" : "RequestVote")}(term {Term}, last {LastLogIndex}@{LastLogTerm})";
}

public sealed record RequestVoteReply(long Term, bool VoteGranted, bool PreVote = false) : RaftMessage(Term)
{
    public override string ToString() => $"{(PreVote ? "PreVoteReply" : "RequestVoteReply")}(term {Term}, {(VoteGranted ? "granted" : "refused")})";
}

/// <summary>Invoked by the leader to replicate log entries; also the heartbeat (§5.3).</summary>
public sealed record AppendEntries(long Term, NodeId LeaderId, long PrevLogIndex, long PrevLogTerm, IReadOnlyList<LogEntry> Entries, long LeaderCommit) : RaftMessage(Term)
{
    public override int SizeInBytes => 48 + Entries.Sum(e => e.SizeInBytes);
    public override string ToString() => Entries.Count == 0
        ? $"Heartbeat(term {Term}, prev {PrevLogIndex}@{PrevLogTerm}, commit {LeaderCommit})"
        : $"AppendEntries(term {Term}, prev {PrevLogIndex}@{PrevLogTerm}, {Entries.Count} entries {Entries[0].Index}..{Entries[^1].Index}, commit {LeaderCommit})";
}

/// <summary>
/// The reply, with the fast-backtracking hints of the 6.5840 lecture notes (§5.3's optimisation): on a
/// conflict the follower names the conflicting term and its first index, or its log length.
/// </summary>
public sealed record AppendEntriesReply(long Term, bool Success, long MatchIndex, long ConflictTerm, long ConflictIndex, long LogLength) : RaftMessage(Term)
{
    public override string ToString() => Success
        ? $"AppendEntriesReply(term {Term}, ok, match {MatchIndex})"
        : $"AppendEntriesReply(term {Term}, conflict term {ConflictTerm} from {ConflictIndex}, len {LogLength})";
}

/// <summary>Sent when a follower is so far behind that the entries it needs were compacted into a snapshot (§7).</summary>
public sealed record InstallSnapshot(long Term, NodeId LeaderId, long LastIncludedIndex, long LastIncludedTerm, byte[] Data) : RaftMessage(Term)
{
    public override int SizeInBytes => 48 + Data.Length;
    public override string ToString() => $"InstallSnapshot(term {Term}, through {LastIncludedIndex}@{LastIncludedTerm}, {Data.Length} bytes)";
}

public sealed record InstallSnapshotReply(long Term, long LastIncludedIndex) : RaftMessage(Term)
{
    public override string ToString() => $"InstallSnapshotReply(term {Term}, through {LastIncludedIndex})";
}

/// <summary>A log entry: a client command and the term in which the leader received it.</summary>
public sealed record LogEntry(long Index, long Term, string Command)
{
    public int SizeInBytes => 16 + Encoding.UTF8.GetByteCount(Command);
    public override string ToString() => $"{Index}@{Term}:{Command}";
}

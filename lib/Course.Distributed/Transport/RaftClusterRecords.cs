using Course.Distributed.Raft;

namespace Course.Distributed.Transport;

/// <summary>What one node of a <see cref="RaftLocalCluster"/> believes right now (Role is null when the node is down).</summary>
public sealed record RaftNodeStatus(int Node, bool IsUp, RaftRole? Role, long Term, int? LeaderId, long CommitIndex, long LastLogIndex)
{
    public static RaftNodeStatus Down(int node) => new(node, false, null, 0, null, 0, 0);

    public override string ToString() => IsUp
        ? $"n{Node}: {Role} term {Term}, leader {(LeaderId is { } l ? $"n{l}" : "?")}, commit {CommitIndex}, log {LastLogIndex}"
        : $"n{Node}: down";
}

/// <summary>The node that leads, and in which term.</summary>
public sealed record LeaderInfo(int Node, long Term);

/// <summary>A committed command: its log position, the leader that committed it, how long it took, and how many times it was proposed.</summary>
public sealed record CommitResult(long Index, long Term, int Leader, TimeSpan Latency, int Attempts);

/// <summary>A node's role from <see cref="At"/> on; "Down" while killed. For plotting roles and terms over time.</summary>
public sealed record RoleChange(TimeSpan At, int Node, string Role, long Term);

/// <summary>One node's traffic over its whole life in the cluster (restarts included).</summary>
public sealed record NodeTraffic(int Node, long Sent, long Received, long Dropped, long BytesSent, long BytesReceived, long Connects);

using Course.Simulation;

namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>
/// The harness's window into the nodes: where to crash them, and what they do (messages, locks, decisions)
/// for the per-transaction report. Nodes built without one behave the same, unobserved.
/// </summary>
internal sealed class ProtocolProbe
{
    /// <summary>Asked at every <see cref="CrashPoint"/>; true means "the node has been crashed here, stop".</summary>
    public Func<NodeId, CrashPoint, TransactionId, bool>? CrashHere { get; init; }
    public Action<NodeId, TwoPhaseCommitMessage>? Sent { get; init; }
    public Action<NodeId, TransactionId>? LocksAcquired { get; init; }
    public Action<NodeId, TransactionId>? LocksReleased { get; init; }
    public Action<NodeId, TransactionId>? Prepared { get; init; }
    public Action<NodeId, TransactionId, TransactionOutcome>? Decided { get; init; }
}

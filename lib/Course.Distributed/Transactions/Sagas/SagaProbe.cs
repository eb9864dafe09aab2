using Course.Simulation;

namespace Course.Distributed.Transactions.Sagas;

/// <summary>The harness's window into the saga nodes: where to crash them, and what to count. Nodes without one behave the same.</summary>
internal sealed class SagaProbe
{
    /// <summary>Asked at every <see cref="DeliveryStage"/>; true means "the node has been crashed here, stop".</summary>
    public Func<NodeId, string, SagaMessage, DeliveryStage, bool>? CrashHere { get; init; }
    public SagaCounters? Counters { get; init; }
}

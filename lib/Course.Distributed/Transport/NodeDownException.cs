using Course.Simulation;

namespace Course.Distributed.Transport;

/// <summary>The node was stopped (killed) before it could run the call.</summary>
public sealed class NodeDownException(NodeId node) : InvalidOperationException($"Node {node} is down.")
{
    public NodeId Node { get; } = node;
}

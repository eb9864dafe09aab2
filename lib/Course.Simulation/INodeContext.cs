namespace Course.Simulation;

/// <summary>Everything a sans-I/O node may do to the outside world.</summary>
public interface INodeContext<TMessage> where TMessage : notnull
{
    NodeId Self { get; }

    /// <summary>Every node of the cluster, including this one (client nodes excluded).</summary>
    IReadOnlyList<NodeId> Peers { get; }

    /// <summary>Virtual time in the simulator, wall-clock time since start over a real transport.</summary>
    TimeSpan Now { get; }

    /// <summary>How often <see cref="INode{TMessage}.Tick"/> is called; zero when the node gets no ticks.</summary>
    TimeSpan TickInterval { get; }

    /// <summary>This node's randomness: seeded from the simulation seed, so a run replays exactly.</summary>
    Random Random { get; }

    /// <summary>Storage that survives a crash. Write before you reply (Raft §5, Figure 2 "persistent state").</summary>
    IDurableStorage Storage { get; }

    /// <summary>Hand a message to the network. It may be delayed, lost, duplicated or reordered.</summary>
    void Send(NodeId to, TMessage message);

    /// <summary>Record a state change (role, term, commit index …) in the trace, for plots and failing tests.</summary>
    void Note(string category, string detail);
}

using Course.Simulation;

namespace Course.Distributed.Paxos;

/// <summary>
/// What the Paxos harnesses share: n server nodes in one <see cref="Simulation{TMessage}"/>, and the faults
/// a test or a notebook injects (crashes, restarts, partitions, network conditions). Node ids are checked
/// here so a bad id is reported with the harness's parameter name.
/// </summary>
public abstract class SimulatedCluster<TMessage, TNode>
    where TMessage : notnull
    where TNode : class, INode<TMessage>
{
    protected SimulatedCluster(int size, int seed, SimulationOptions? simulationOptions)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "A cluster needs at least one node.");
        Size = size;
        Simulation = new Simulation<TMessage>(seed, simulationOptions);
    }

    public Simulation<TMessage> Simulation { get; }
    public int Size { get; }
    public int Seed => Simulation.Seed;
    public TimeSpan Now => Simulation.Now;
    public IReadOnlyList<NodeId> Nodes => Simulation.Servers;

    /// <summary>The network's current conditions; assign to make it worse or better mid-run.</summary>
    public NetworkConditions Network
    {
        get => Simulation.Network;
        set => Simulation.Network = value ?? throw new ArgumentNullException(nameof(value));
    }

    public bool IsUp(NodeId node) => Simulation.IsUp(CheckNode(node, nameof(node)));

    /// <summary>The live node, or null while it is crashed.</summary>
    public TNode? NodeOrNull(NodeId node) =>
        Simulation.IsUp(CheckNode(node, nameof(node))) ? Simulation.Node<TNode>(node) : null;

    /// <summary>Crashes <paramref name="node"/> (no-op if it is down): volatile state is lost, storage stays.</summary>
    public void Crash(NodeId node) => Simulation.Crash(CheckNode(node, nameof(node)));

    /// <summary>Restarts a crashed <paramref name="node"/> from its storage (no-op if it is up).</summary>
    public void Restart(NodeId node)
    {
        if (!Simulation.IsUp(CheckNode(node, nameof(node)))) Simulation.Restart(node);
    }

    /// <summary>Splits the cluster into groups that cannot talk to each other; unnamed nodes are isolated.</summary>
    public void Partition(params IReadOnlyCollection<NodeId>[] groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        foreach (var group in groups)
            foreach (var node in group ?? throw new ArgumentNullException(nameof(groups)))
                CheckNode(node, nameof(groups));
        Simulation.Partition(groups);
    }

    public void Disconnect(NodeId node) => Simulation.Disconnect(CheckNode(node, nameof(node)));
    public void Connect(NodeId node) => Simulation.Connect(CheckNode(node, nameof(node)));

    /// <summary>Removes every partition and blocked link.</summary>
    public void Heal() => Simulation.Heal();

    public void RunFor(TimeSpan duration) => Simulation.RunFor(duration);

    public bool RunUntil(Func<bool> condition, TimeSpan budget) => Simulation.RunUntil(condition, budget);

    protected void AddNodes(Func<NodeId, TNode> factory)
    {
        for (var i = 0; i < Size; i++) Simulation.AddNode(factory);
    }

    protected NodeId CheckNode(NodeId node, string parameterName) =>
        node.Value >= 0 && node.Value < Size
            ? node
            : throw new ArgumentException($"Unknown node {node}: this cluster has nodes n0..n{Size - 1}.", parameterName);
}

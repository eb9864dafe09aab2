using Course.Simulation;

namespace Course.Distributed.Paxos;

/// <summary>
/// Single-decree Paxos on the deterministic simulator: <paramref name="size"/> <see cref="PaxosNode"/>s, each
/// a proposer, acceptor and learner. Propose values at any node, inject faults, run virtual time, then ask
/// who learned what — and whether the run was safe (<see cref="SafetyViolations"/>).
/// </summary>
public sealed class PaxosCluster : SimulatedCluster<PaxosMessage, PaxosNode>
{
    private readonly List<LearnEvent> _learned = [];
    private readonly HashSet<string> _proposed = new(StringComparer.Ordinal);

    public PaxosCluster(int size, int seed = 1, PaxosOptions? options = null, SimulationOptions? simulationOptions = null)
        : base(size, seed, simulationOptions)
    {
        Options = options ?? new PaxosOptions();
        AddNodes(id => new PaxosNode(Options, value => _learned.Add(new LearnEvent(Simulation.Now, id, value))));
    }

    public PaxosOptions Options { get; }

    /// <summary>Every value any client proposed (the only values a learner may learn).</summary>
    public IReadOnlyCollection<string> ProposedValues => _proposed;

    /// <summary>Every "node learned value" event, in time order, across crashes and restarts.</summary>
    public IReadOnlyList<LearnEvent> LearnEvents => _learned;

    /// <summary>
    /// A client asks <paramref name="node"/> to propose <paramref name="value"/>. Returns false when the node is
    /// crashed: the request is lost, as it would be on a real network.
    /// </summary>
    public bool Propose(NodeId node, string value)
    {
        CheckNode(node, nameof(node));
        ArgumentException.ThrowIfNullOrEmpty(value);
        if (!Simulation.IsUp(node)) return false;
        _proposed.Add(value);
        Simulation.Invoke<PaxosNode, int>(node, n => { n.Propose(value); return 0; });
        return true;
    }

    /// <summary>What <paramref name="node"/> learned (kept on its storage, so known even while it is crashed), or null.</summary>
    public string? LearnedValue(NodeId node)
    {
        CheckNode(node, nameof(node));
        return _learned.LastOrDefault(e => e.Node == node)?.Value;
    }

    /// <summary>Whether every node that is up has learned a value.</summary>
    public bool AllLiveLearned => Nodes.All(n => !Simulation.IsUp(n) || Simulation.Node<PaxosNode>(n).LearnedValue is not null);

    /// <summary>
    /// Checks the two safety properties of "Paxos Made Simple" §2.1 over everything learned so far: only a
    /// proposed value is chosen, and only one. Empty when the run was safe.
    /// </summary>
    public IReadOnlyList<string> SafetyViolations()
    {
        var problems = new List<string>();
        foreach (var e in _learned.Where(e => !_proposed.Contains(e.Value)))
            problems.Add($"{e.Node} learned \"{e.Value}\", which nobody proposed");
        var first = _learned.FirstOrDefault();
        foreach (var e in _learned.Where(e => first is not null && e.Value != first.Value))
            problems.Add($"{first!.Node} learned \"{first.Value}\" at {first.Time.TotalMilliseconds:F0} ms but {e.Node} learned \"{e.Value}\" at {e.Time.TotalMilliseconds:F0} ms");
        return problems;
    }
}

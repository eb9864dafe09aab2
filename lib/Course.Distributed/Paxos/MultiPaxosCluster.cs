using Course.Simulation;

namespace Course.Distributed.Paxos;

/// <summary>
/// Multi-Paxos on the deterministic simulator: <paramref name="size"/> <see cref="MultiPaxosNode"/>s. Submit
/// commands at any node, inject faults, run virtual time, then read each node's log — and check that every
/// node applied the same command in every slot (<see cref="SafetyViolations"/>), across crashes too.
/// </summary>
public sealed class MultiPaxosCluster : SimulatedCluster<MultiPaxosMessage, MultiPaxosNode>
{
    private readonly List<string>[] _applied;
    private readonly List<string> _slotCommands = [];
    private readonly List<string> _violations = [];
    private readonly List<string> _submitted = [];
    private readonly HashSet<string> _submittedSet = new(StringComparer.Ordinal);

    public MultiPaxosCluster(int size, int seed = 1, MultiPaxosOptions? options = null, SimulationOptions? simulationOptions = null)
        : base(size, seed, simulationOptions)
    {
        Options = options ?? new MultiPaxosOptions();
        _applied = Enumerable.Range(0, size).Select(_ => new List<string>()).ToArray();
        AddNodes(id => new MultiPaxosNode(Options, (slot, command) => OnApplied(id, slot, command)));
    }

    public MultiPaxosOptions Options { get; }

    /// <summary>Every command a client submitted, in submission order.</summary>
    public IReadOnlyList<string> Submitted => _submitted;

    /// <summary>The live leader with the highest ballot, or null while there is none.</summary>
    public NodeId? Leader =>
        Nodes.Select(NodeOrNull).Where(n => n is { CurrentRole: MultiPaxosNode.Role.Leader })
            .MaxBy(n => n!.Ballot)?.Id;

    /// <summary>
    /// A client submits <paramref name="command"/> at <paramref name="node"/>. Returns false when the node is
    /// crashed (the request is lost; a client would retry elsewhere).
    /// </summary>
    public bool Submit(NodeId node, string command)
    {
        CheckNode(node, nameof(node));
        ArgumentException.ThrowIfNullOrEmpty(command);
        if (command == MultiPaxosNode.NoOp) throw new ArgumentException($"\"{MultiPaxosNode.NoOp}\" is reserved for filling holes.", nameof(command));
        if (!Simulation.IsUp(node)) return false;
        if (_submittedSet.Add(command)) _submitted.Add(command);
        Simulation.Invoke<MultiPaxosNode, int>(node, n => { n.Submit(command); return 0; });
        return true;
    }

    /// <summary>The log <paramref name="node"/> applied, slot by slot (it is on the node's storage, so known while it is down).</summary>
    public IReadOnlyList<string> LogOf(NodeId node) => _applied[CheckNode(node, nameof(node)).Value];

    /// <summary>Whether every live node has applied every one of <paramref name="commands"/>.</summary>
    public bool AllLiveApplied(IEnumerable<string> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var wanted = commands as IReadOnlyCollection<string> ?? commands.ToArray();
        return Nodes.All(n => NodeOrNull(n) is not { } node || (node.Applied.Count >= wanted.Count && wanted.All(node.HasApplied)));
    }

    /// <summary>
    /// Slot agreement ("Paxos Made Simple" §3: all servers execute the same commands in the same order) and
    /// validity (only submitted commands or no-ops are chosen), over every apply of every incarnation.
    /// Empty when the run was safe.
    /// </summary>
    public IReadOnlyList<string> SafetyViolations() => _violations;

    private void OnApplied(NodeId node, int slot, string command)
    {
        var log = _applied[node.Value];
        if (slot < log.Count && log[slot] != command)
            _violations.Add($"{node} re-applied slot {slot} as {command} after a restart, but had {log[slot]}");
        else if (slot == log.Count) log.Add(command);
        else if (slot > log.Count) _violations.Add($"{node} applied slot {slot} with slots {log.Count}..{slot - 1} missing");

        if (slot == _slotCommands.Count) _slotCommands.Add(command);
        else if (slot < _slotCommands.Count && _slotCommands[slot] != command)
            _violations.Add($"slot {slot}: {node} applied {command} but another node applied {_slotCommands[slot]} (t={Now.TotalMilliseconds:F0} ms)");
        if (command != MultiPaxosNode.NoOp && !_submittedSet.Contains(command))
            _violations.Add($"{node} applied {command} in slot {slot}, which nobody submitted");
    }
}

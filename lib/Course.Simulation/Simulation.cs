namespace Course.Simulation;

/// <summary>
/// A deterministic discrete-event simulation of sans-I/O nodes on a faulty network. One thread, one event
/// queue ordered by (virtual time, sequence number), one seed: the same seed gives the same run, bit for bit,
/// so any failure replays exactly. Thirty seconds of partitions take milliseconds of wall time.
/// </summary>
public sealed partial class Simulation<TMessage> where TMessage : notnull
{
    private readonly PriorityQueue<ScheduledEvent, (long Ticks, long Sequence)> _queue = new();
    private readonly List<NodeSlot> _slots = [];
    private readonly HashSet<(int From, int To)> _blockedLinks = [];
    private readonly HashSet<NodeId> _disconnected = [];
    private readonly Random _networkRandom;
    private long _sequence;
    private long _eventsProcessed;

    public Simulation(int seed, SimulationOptions? options = null)
    {
        Seed = seed;
        Options = options ?? new SimulationOptions();
        Network = Options.Network;
        Trace = new SimulationTrace(Options.TraceCapacity, Options.TraceMessages);
        _networkRandom = new Random(DeterministicRandom.DeriveSeed(seed, -1));
    }

    public int Seed { get; }
    public SimulationOptions Options { get; }
    public TimeSpan Now { get; private set; }
    public SimulationTrace Trace { get; }
    public NetworkStats Stats { get; } = new();
    public long EventsProcessed => _eventsProcessed;

    /// <summary>The network's current conditions; assign to change them mid-run (e.g. become unreliable).</summary>
    public NetworkConditions Network { get; set; }

    /// <summary>The server nodes (what <see cref="INodeContext{TMessage}.Peers"/> lists).</summary>
    public IReadOnlyList<NodeId> Servers => _servers ??= _slots.Where(s => !s.IsClient).Select(s => s.Id).ToArray();
    private NodeId[]? _servers; // cached: nodes ask for their peers all the time

    /// <summary>Every node, servers and clients.</summary>
    public IReadOnlyList<NodeId> Nodes => _slots.Select(s => s.Id).ToArray();

    /// <summary>
    /// Adds a node. <paramref name="factory"/> builds a fresh instance at start and after every restart
    /// (a crash loses everything but durable storage). Clients are nodes too, but are not in Peers.
    /// </summary>
    public NodeId AddNode(Func<NodeId, INode<TMessage>> factory, bool isClient = false, bool ticks = true)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var id = new NodeId(_slots.Count);
        var slot = new NodeSlot(id, factory, isClient, ticks);
        _slots.Add(slot);
        _servers = null;
        Boot(slot);
        return id;
    }

    /// <summary>The live instance of a node (throws if it is crashed).</summary>
    public TNode Node<TNode>(NodeId id) where TNode : INode<TMessage>
    {
        var slot = SlotOf(id);
        if (slot.Instance is null) throw new InvalidOperationException($"Node {id} is crashed; restart it first.");
        return (TNode)slot.Instance;
    }

    public bool IsUp(NodeId id) => SlotOf(id).Instance is not null;

    public IDurableStorage StorageOf(NodeId id) => SlotOf(id).Storage;

    /// <summary>Runs <paramref name="action"/> inside a live node at the current virtual time (e.g. Raft's Start(command)).</summary>
    public TResult Invoke<TNode, TResult>(NodeId id, Func<TNode, TResult> action) where TNode : INode<TMessage>
    {
        var node = Node<TNode>(id);
        return RunNodeCode(SlotOf(id), () => action(node), "invoke");
    }

    /// <summary>Runs test or scenario code at a later virtual time.</summary>
    public void Schedule(TimeSpan delay, Action action)
    {
        Guard.NonNegative(delay, nameof(delay));
        ArgumentNullException.ThrowIfNull(action);
        Enqueue(Now + delay, new ScheduledEvent.Callback(action));
    }

    private NodeSlot SlotOf(NodeId id) =>
        id.Value >= 0 && id.Value < _slots.Count
            ? _slots[id.Value]
            : throw new ArgumentException($"Unknown node {id}: this simulation has nodes n0..n{_slots.Count - 1}.", nameof(id));

    private void Enqueue(TimeSpan at, ScheduledEvent e) => _queue.Enqueue(e, (at.Ticks, _sequence++));
}

namespace Course.Simulation;

public sealed partial class Simulation<TMessage>
{
    /// <summary>Crashes a node: its volatile state, timers and unsent work are gone; durable storage stays.</summary>
    public void Crash(NodeId id)
    {
        var slot = SlotOf(id);
        if (slot.Instance is null) return;
        slot.Instance = null;
        slot.Incarnation++;
        Record(TraceKind.Crash, id, null, "", "crashed");
    }

    /// <summary>Restarts a crashed node from its durable storage (a fresh instance from the factory).</summary>
    public void Restart(NodeId id)
    {
        var slot = SlotOf(id);
        if (slot.Instance is not null) throw new InvalidOperationException($"Node {id} is running; crash it before restarting it.");
        slot.Incarnation++;
        Record(TraceKind.Restart, id, null, "", "restarted");
        Boot(slot);
    }

    private void Boot(NodeSlot slot)
    {
        var random = new Random(DeterministicRandom.DeriveSeed(Seed, slot.Id.Value, slot.Incarnation));
        var context = new Context(this, slot, slot.Incarnation, random);
        var node = slot.Factory(slot.Id) ?? throw new InvalidOperationException($"The factory returned no node for {slot.Id}.");
        slot.Instance = node;
        RunNodeCode(slot, () => { node.Start(context); return 0; }, "start");
        if (slot.Ticks)
        {
            // A random phase, so nodes' clocks are not in lockstep (they never are).
            var phase = TimeSpan.FromTicks((long)(random.NextDouble() * Options.TickInterval.Ticks));
            Enqueue(Now + phase, new ScheduledEvent.TickDue(slot.Id, slot.Incarnation));
        }
    }

    internal sealed class NodeSlot(NodeId id, Func<NodeId, INode<TMessage>> factory, bool isClient, bool ticks)
    {
        public NodeId Id { get; } = id;
        public Func<NodeId, INode<TMessage>> Factory { get; } = factory;
        public bool IsClient { get; } = isClient;
        public bool Ticks { get; } = ticks;
        public InMemoryDurableStorage Storage { get; } = new();
        public INode<TMessage>? Instance { get; set; }
        public int Incarnation { get; set; }
    }

    /// <summary>The node's window on the simulation, bound to one incarnation (a crashed one can do nothing).</summary>
    private sealed class Context(Simulation<TMessage> sim, NodeSlot slot, int incarnation, Random random) : INodeContext<TMessage>
    {
        public NodeId Self => slot.Id;
        public IReadOnlyList<NodeId> Peers => sim.Servers;
        public TimeSpan Now => sim.Now;
        public TimeSpan TickInterval => slot.Ticks ? sim.Options.TickInterval : TimeSpan.Zero;
        public Random Random { get; } = random;
        public IDurableStorage Storage => slot.Storage;
        public void Send(NodeId to, TMessage message) => sim.Send(slot, incarnation, to, message);

        public void Note(string category, string detail)
        {
            if (slot.Incarnation == incarnation) sim.Record(TraceKind.Note, slot.Id, null, category, detail);
        }
    }
}

namespace Course.Simulation;

/// <summary>What the event queue holds.</summary>
internal abstract record ScheduledEvent
{
    public sealed record Delivery(NodeId From, NodeId To, object Message) : ScheduledEvent;
    public sealed record TickDue(NodeId Node, int Incarnation) : ScheduledEvent;
    public sealed record Callback(Action Action) : ScheduledEvent;
}

namespace Course.Simulation;

/// <summary>
/// Lets one sans-I/O component run inside another node: a Raft node speaks <typeparamref name="TInner"/>
/// messages, the key/value server around it speaks <typeparamref name="TOuter"/>; sends are wrapped on the way out.
/// </summary>
public sealed class MappedNodeContext<TInner, TOuter>(INodeContext<TOuter> outer, Func<TInner, TOuter> wrap) : INodeContext<TInner>
    where TInner : notnull
    where TOuter : notnull
{
    public NodeId Self => outer.Self;
    public IReadOnlyList<NodeId> Peers => outer.Peers;
    public TimeSpan Now => outer.Now;
    public TimeSpan TickInterval => outer.TickInterval;
    public Random Random => outer.Random;
    public IDurableStorage Storage => outer.Storage;
    public void Send(NodeId to, TInner message) => outer.Send(to, wrap(message));
    public void Note(string category, string detail) => outer.Note(category, detail);
}

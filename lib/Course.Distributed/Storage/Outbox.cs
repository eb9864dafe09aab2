using Course.Simulation;

namespace Course.Distributed.Storage;

/// <summary>
/// A node's network card under the <see cref="LinkModel"/>: each send is held until its transmission and hops
/// are over, then handed to the network. Held messages are released on ticks, so a sans-I/O node needs no timer
/// of its own; a crash loses them, as it loses a real card's queue.
/// </summary>
internal sealed class Outbox(INodeContext<DfsMessage> context, DfsTopology topology, LinkModel link)
{
    private readonly PriorityQueue<(NodeId To, DfsMessage Message), (long Ticks, long Sequence)> _held = new();
    private TimeSpan _cardFreeAt;
    private long _sequence;

    public void Send(NodeId to, DfsMessage message)
    {
        if (link.Disabled || !topology.Contains(to) || !topology.Contains(context.Self))
        {
            context.Send(to, message);
            return;
        }
        var distance = topology.Distance(context.Self, to);
        var transmission = link.TransmissionTime(message.SizeInBytes, distance);
        var start = context.Now > _cardFreeAt ? context.Now : _cardFreeAt;
        if (transmission > TimeSpan.Zero) _cardFreeAt = start + transmission;
        var release = start + transmission + link.Propagation(distance);
        if (release <= context.Now) context.Send(to, message);
        else _held.Enqueue((to, message), (release.Ticks, _sequence++));
    }

    /// <summary>Hands every message whose time has come to the network; call on every tick.</summary>
    public void Flush()
    {
        while (_held.TryPeek(out var item, out var due) && due.Ticks <= context.Now.Ticks)
        {
            _held.Dequeue();
            context.Send(item.To, item.Message);
        }
    }

    public int Held => _held.Count;
}

using Course.Simulation;

namespace Course.Simulation.Tests;

public sealed record Ping(int Sequence);

/// <summary>
/// Sends a numbered Ping to every peer on every tick, remembers what it received (volatile) and counts
/// its ticks into durable storage — enough to see loss, order, partitions and crashes.
/// </summary>
public sealed class PingNode : INode<Ping>
{
    private INodeContext<Ping> _context = null!;
    private int _next;

    public List<(NodeId From, int Sequence, TimeSpan At)> Received { get; } = [];
    public int TicksSinceBoot { get; private set; }
    public bool Sends { get; set; } = true;
    public INodeContext<Ping> Context => _context;

    public void Start(INodeContext<Ping> context) => _context = context;

    public void Receive(NodeId from, Ping message) => Received.Add((from, message.Sequence, _context.Now));

    public void Tick()
    {
        TicksSinceBoot++;
        var durable = BitConverter.ToInt32(_context.Storage.Read("ticks") ?? new byte[4]);
        _context.Storage.Write("ticks", BitConverter.GetBytes(durable + 1));
        if (!Sends) return;
        _next++;
        foreach (var peer in _context.Peers)
            if (peer != _context.Self) _context.Send(peer, new Ping(_next));
        _context.Note("tick", _next.ToString());
    }
}

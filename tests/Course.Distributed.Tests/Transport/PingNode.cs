using Course.Simulation;

namespace Course.Distributed.Tests.Transport;

/// <summary>
/// A tiny node for host tests: pings its peers every few ticks, answers pings, counts what it saw and on which
/// threads, keeps a durable counter of boots, and can be told to throw.
/// </summary>
internal sealed class PingNode : INode<string>
{
    private INodeContext<string> _context = null!;
    private readonly HashSet<int> _threads = [];
    private int _ticks;

    public int Boots { get; private set; }
    public int Ticks => Volatile.Read(ref _ticks);
    public int PongsReceived { get; private set; }
    public int PingsReceived { get; private set; }
    public bool ThrowOnNextTick { get; set; }
    public TimeSpan FirstTickAt { get; private set; } = TimeSpan.MinValue;
    public TimeSpan LastTickAt { get; private set; }

    public IReadOnlyCollection<int> Threads
    {
        get { lock (_threads) return _threads.ToArray(); }
    }

    public void Start(INodeContext<string> context)
    {
        Seen();
        _context = context;
        var stored = context.Storage.Read("boots");
        Boots = (stored is null ? 0 : BitConverter.ToInt32(stored)) + 1;
        context.Storage.Write("boots", BitConverter.GetBytes(Boots));
        context.Note("boot", Boots.ToString());
    }

    public void Receive(NodeId from, string message)
    {
        Seen();
        if (message == "ping") { PingsReceived++; _context.Send(from, "pong"); }
        else if (message == "pong") PongsReceived++;
    }

    public void Tick()
    {
        Seen();
        if (ThrowOnNextTick) throw new InvalidOperationException("boom");
        if (FirstTickAt == TimeSpan.MinValue) FirstTickAt = _context.Now;
        LastTickAt = _context.Now;
        if (Interlocked.Increment(ref _ticks) % 5 == 0)
            foreach (var peer in _context.Peers)
                if (peer != _context.Self) _context.Send(peer, "ping");
    }

    private void Seen()
    {
        lock (_threads) _threads.Add(Environment.CurrentManagedThreadId);
    }
}

/// <summary>UTF-8 strings as messages.</summary>
internal sealed class StringCodec : Course.Distributed.Transport.IMessageCodec<string>
{
    public byte[] Encode(string message) => System.Text.Encoding.UTF8.GetBytes(message);
    public string Decode(ReadOnlySpan<byte> payload) => System.Text.Encoding.UTF8.GetString(payload);
}

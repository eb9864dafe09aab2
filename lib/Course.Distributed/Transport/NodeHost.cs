using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Course.Simulation;

namespace Course.Distributed.Transport;

/// <summary>
/// Runs one sans-I/O node for real: a TCP listener on 127.0.0.1, a connection to each peer, a file-backed
/// disk, and ONE thread that feeds the node its messages and its clock ticks — so the node is single-threaded
/// exactly as in the simulator, and the very same class runs in both. Stopping the host is a crash: sockets
/// close, queued work is lost, only the storage directory survives for a restart.
/// </summary>
public sealed partial class NodeHost<TMessage> : IAsyncDisposable where TMessage : notnull
{
    private readonly INode<TMessage> _node;
    private readonly IMessageCodec<TMessage> _codec;
    private readonly PeerDirectory _directory;
    private readonly NodeHostOptions _options;
    private readonly EventLog _events;
    private readonly TcpListener _listener;
    private readonly Dictionary<NodeId, PeerLink> _links = [];
    private readonly ConcurrentDictionary<Socket, byte> _accepted = new();
    private readonly ConcurrentDictionary<Task, byte> _io = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly bool _ownsStorage;
    private Task? _stopped;

    private NodeHost(NodeId self, IReadOnlyList<NodeId> peers, INode<TMessage> node, IMessageCodec<TMessage> codec, PeerDirectory directory, NodeHostOptions options)
    {
        Id = self;
        Peers = peers;
        _node = node;
        _codec = codec;
        _directory = directory;
        _options = options;
        _events = options.Events ?? new EventLog();
        Stats = options.Stats ?? new TransportStats();
        _ownsStorage = options.StorageDirectory is null;
        Storage = new FileDurableStorage(options.StorageDirectory ?? System.IO.Directory.CreateTempSubdirectory($"course-node-{self}-").FullName, options.FlushToDisk);
        _inbox = new BlockingCollection<Work>(new ConcurrentQueue<Work>(), options.QueueCapacity);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        foreach (var peer in peers)
            if (peer != self) _links[peer] = new PeerLink(self, peer, directory, options, Stats, _events);
        _thread = new Thread(RunLoop) { IsBackground = true, Name = $"node {self}" };
    }

    /// <summary>
    /// Starts <paramref name="node"/> as <paramref name="self"/> in a cluster of <paramref name="peers"/> (all
    /// node ids, this one included): binds a free loopback port, registers it in <paramref name="directory"/>,
    /// and boots the node on its own thread. The node's storage is <see cref="NodeHostOptions.StorageDirectory"/>.
    /// </summary>
    public static NodeHost<TMessage> Start(NodeId self, IReadOnlyList<NodeId> peers, INode<TMessage> node, IMessageCodec<TMessage> codec, PeerDirectory directory, NodeHostOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(peers);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentNullException.ThrowIfNull(directory);
        options ??= new NodeHostOptions();
        options.Validate();
        if (!peers.Contains(self)) throw new ArgumentException($"The peer list must include the node itself ({self}).", nameof(peers));
        if (peers.Distinct().Count() != peers.Count) throw new ArgumentException("The peer list has duplicates.", nameof(peers));

        var host = new NodeHost<TMessage>(self, peers.ToArray(), node, codec, directory, options);
        host.Launch();
        return host;
    }

    public NodeId Id { get; }
    public IReadOnlyList<NodeId> Peers { get; }

    /// <summary>The node itself. Touch its state only through <see cref="InvokeAsync{T}"/>: it lives on the host's thread.</summary>
    public INode<TMessage> Node => _node;

    /// <summary>Where the node listens (a free port on 127.0.0.1, chosen at start).</summary>
    public IPEndPoint EndPoint { get; private set; } = new(IPAddress.Loopback, 0);
    public FileDurableStorage Storage { get; }
    public TransportStats Stats { get; }
    public EventLog Events => _events;

    /// <summary>Whether the node's thread is alive (false once stopped, killed or faulted).</summary>
    public bool IsRunning => _thread.IsAlive && !_stopping.IsCancellationRequested;

    /// <summary>The exception that crashed the node's code, if one did.</summary>
    public Exception? Fault { get; private set; }

    /// <summary>Whether an outgoing connection to <paramref name="peer"/> is open right now.</summary>
    public bool IsConnectedTo(NodeId peer) => _links.TryGetValue(peer, out var link) && link.IsConnected;

    private void Launch()
    {
        _listener.Start();
        EndPoint = (IPEndPoint)_listener.LocalEndpoint;
        _events.Record(Id, "host", $"listening on {EndPoint}");
        _thread.Start();
        Track(AcceptLoopAsync(_stopping.Token));
        foreach (var link in _links.Values) Track(link.RunAsync(_stopping.Token));
        _directory.Register(Id, EndPoint);
    }

    /// <summary>
    /// Kills the node, like <c>kill -9</c> on its process: listener and connections close at once, messages in
    /// flight are lost, the thread ends. Waits (bounded by <see cref="NodeHostOptions.StopTimeout"/>) until every
    /// thread and task of the host has finished. Idempotent.
    /// </summary>
    public Task StopAsync()
    {
        lock (_links) return _stopped ??= StopCoreAsync();
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task StopCoreAsync()
    {
        await Task.Yield(); // never run the shutdown inline on the node's own thread (a fault stops the host from there)
        _stopping.Cancel();
        _directory.Unregister(Id, EndPoint);
        _listener.Stop();
        foreach (var socket in _accepted.Keys) socket.Dispose();
        foreach (var link in _links.Values) link.Abort();
        _inbox.CompleteAdding();

        var deadline = Task.Delay(_options.StopTimeout);
        var all = Task.WhenAll(_io.Keys.Append(_loopExited.Task));
        if (await Task.WhenAny(all, deadline).ConfigureAwait(false) != all)
            _events.Record(Id, "host", "stop timed out waiting for the node's thread or I/O");
        else
            _inbox.Dispose(); // only once the thread is gone: it may still be blocked in TryTake until then
        _events.Record(Id, "host", Fault is null ? "stopped" : "stopped after a fault");
        if (_ownsStorage)
        {
            try { System.IO.Directory.Delete(Storage.Directory, recursive: true); }
            catch (IOException) { }
        }
        // The token source stays undisposed on purpose: late callbacks may still read it, and it holds no timer.
    }

    private void Track(Task task)
    {
        _io.TryAdd(task, 0);
        _ = task.ContinueWith(t => _io.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}

using System.Runtime.ExceptionServices;
using Course.Simulation;

namespace Course.Distributed.Storage;

/// <summary>
/// A whole GFS/HDFS-style file system in the deterministic simulator: one <see cref="Master"/> (n0), chunk
/// servers n1..nK spread over racks, and client nodes. Tests and notebooks write and read files through it,
/// crash, restart and partition servers, corrupt replicas on purpose, and read the per-chunk report
/// (<see cref="Chunks"/>), the counters and read latency by distance. Same seed, same run.
/// </summary>
public sealed partial class DfsCluster
{
    private readonly List<NodeId> _servers = [];
    private readonly List<NodeId> _clients = [];
    private readonly List<(NodeId, ChunkHandle, TimeSpan)> _corrupted = [];
    private int _clientHosts;

    public DfsCluster(DfsClusterOptions? options = null)
    {
        Options = options ?? new DfsClusterOptions();
        Dfs = Options.Dfs.Validated();
        if (Dfs.ReplicationFactor > Options.ChunkServers)
            throw new ArgumentException(
                $"ReplicationFactor {Dfs.ReplicationFactor} exceeds the {Options.ChunkServers} chunk servers: no chunk could ever be fully replicated.",
                nameof(DfsOptions.ReplicationFactor));
        Simulation = new Simulation<DfsMessage>(Options.Seed, new SimulationOptions
        {
            TickInterval = Options.TickInterval,
            Network = Options.Network,
            TraceMessages = Options.TraceMessages,
        });

        MasterNode = new NodeId(0);
        Topology.Place(MasterNode, new NodeLocation("rack1", "master"));
        Simulation.AddNode(_ => new Master(Topology, Dfs, Options.Link, Counters));
        for (var i = 1; i <= Options.ChunkServers; i++)
        {
            var id = new NodeId(i);
            Topology.Place(id, new NodeLocation($"rack{(i - 1) % Options.Racks + 1}", $"host{i}"));
            var store = StoreFactory(id);
            Simulation.AddNode(_ => new ChunkServer(MasterNode, Topology, Dfs, store, Options.Link, Counters));
            _servers.Add(id);
        }
        for (var i = 0; i < Options.Clients; i++) AddClient();
        Simulation.RunUntilOrThrow(() => Master!.LiveServers.Count == Options.ChunkServers, TimeSpan.FromSeconds(1), "chunk servers registering");
    }

    public DfsClusterOptions Options { get; }
    public DfsOptions Dfs { get; }
    public Simulation<DfsMessage> Simulation { get; }
    public DfsTopology Topology { get; } = new();
    public DfsCounters Counters { get; } = new();
    public int Seed => Simulation.Seed;
    public TimeSpan Now => Simulation.Now;
    public NodeId MasterNode { get; }
    public IReadOnlyList<NodeId> ChunkServers => _servers;
    public IReadOnlyList<NodeId> Clients => _clients;

    /// <summary>Every replica corrupted on purpose, and when.</summary>
    public IReadOnlyList<(NodeId Server, ChunkHandle Handle, TimeSpan At)> CorruptedReplicas => _corrupted;

    /// <summary>The live master, or null while it is crashed.</summary>
    public Master? Master => Simulation.IsUp(MasterNode) ? Simulation.Node<Master>(MasterNode) : null;

    /// <summary>The live chunk server, or null while it is crashed.</summary>
    public ChunkServer? Server(NodeId server) =>
        Simulation.IsUp(CheckServer(server, nameof(server))) ? Simulation.Node<ChunkServer>(server) : null;

    /// <summary>The live client library of client <paramref name="client"/> (an index into <see cref="Clients"/>).</summary>
    public DfsClient Client(int client = 0) => Simulation.Node<DfsClient>(ClientNode(client));

    /// <summary>
    /// Adds a client node. <paramref name="colocatedWith"/> puts it on a chunk server's host (distance 0, like an
    /// HDFS client on a data node); otherwise it gets its own host on <paramref name="rack"/> (default round-robin).
    /// Returns its client index.
    /// </summary>
    public int AddClient(string? rack = null, NodeId? colocatedWith = null)
    {
        var id = new NodeId(Simulation.Nodes.Count);
        var index = _clients.Count;
        NodeLocation location;
        if (colocatedWith is { } server) location = Topology.LocationOf(CheckServer(server, nameof(colocatedWith)));
        else
        {
            if (rack is not null && rack.Length == 0) throw new ArgumentException("A rack name must not be empty.", nameof(rack));
            location = new NodeLocation(rack ?? $"rack{_clientHosts % Options.Racks + 1}", $"client-host{_clientHosts + 1}");
            _clientHosts++;
        }
        Topology.Place(id, location);
        Simulation.AddNode(_ => new DfsClient(MasterNode, Topology, Dfs, Options.Link), isClient: true);
        _clients.Add(id);
        return index;
    }

    public NodeId ClientNode(int client) =>
        client >= 0 && client < _clients.Count
            ? _clients[client]
            : throw new ArgumentOutOfRangeException(nameof(client), client, $"This cluster has clients 0..{_clients.Count - 1}.");

    // ---- file operations: run the simulation until the operation completes ----

    public DfsOperation Create(string path, int client = 0) => Run(client, path, c => c.Create(path));
    public DfsOperation MakeDirectory(string path, int client = 0) => Run(client, path, c => c.MakeDirectory(path));
    public DfsOperation Delete(string path, int client = 0) => Run(client, path, c => c.Delete(path));
    public DfsOperation List(string path, int client = 0) => Run(client, path, c => c.List(path));
    public DfsOperation Read(string path, int client = 0) => Run(client, path, c => c.Read(path));

    public DfsOperation Write(string path, byte[] data, int client = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Run(client, path, c => c.Write(path, data));
    }

    public DfsOperation Append(string path, byte[] data, int client = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Run(client, path, c => c.Append(path, data));
    }

    /// <summary>Starts an operation without waiting: inject faults, then <see cref="Await"/> it.</summary>
    public DfsOperation Begin(int client, Func<DfsClient, DfsOperation> begin)
    {
        ArgumentNullException.ThrowIfNull(begin);
        var node = ClientNode(client);
        if (!Simulation.IsUp(node)) throw new InvalidOperationException($"Client {client} ({node}) is crashed.");
        try
        {
            return Simulation.Invoke<DfsClient, DfsOperation>(node, begin);
        }
        catch (NodeFaultException e) when (e.InnerException is ArgumentException bad)
        {
            // Bad input to the client library is the caller's mistake, not a fault of the node: rethrow it as is.
            ExceptionDispatchInfo.Capture(bad).Throw();
            throw;
        }
    }

    /// <summary>Runs until every operation has completed (each fails by itself after <see cref="DfsOptions.OperationTimeout"/>).</summary>
    public void Await(params DfsOperation[] operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        Simulation.RunUntilOrThrow(() => operations.All(o => o.IsCompleted), Dfs.OperationTimeout + TimeSpan.FromSeconds(1),
            $"operations [{string.Join("; ", operations.Where(o => !o.IsCompleted))}] completing");
    }

    private DfsOperation Run(int client, string path, Func<DfsClient, DfsOperation> begin)
    {
        DfsPath.Check(path, nameof(path));
        var op = Begin(client, begin);
        Await(op);
        return op;
    }

    // ---- time and faults ----

    public void RunFor(TimeSpan duration) => Simulation.RunFor(duration);
    public bool RunUntil(Func<bool> condition, TimeSpan budget) => Simulation.RunUntil(condition, budget);

    /// <summary>Crashes any node (master, chunk server, client): it keeps only its disk.</summary>
    public void Crash(NodeId node) => Simulation.Crash(CheckNode(node, nameof(node)));

    /// <summary>Restarts a crashed node from its disk (no-op if it is up).</summary>
    public void Restart(NodeId node)
    {
        if (!Simulation.IsUp(CheckNode(node, nameof(node)))) Simulation.Restart(node);
    }

    /// <summary>The wire's current conditions (under the link model); assign to make it lossy or healthy mid-run.</summary>
    public NetworkConditions Network
    {
        get => Simulation.Network;
        set => Simulation.Network = value ?? throw new ArgumentNullException(nameof(value));
    }

    public void Disconnect(NodeId node) => Simulation.Disconnect(CheckNode(node, nameof(node)));
    public void Connect(NodeId node) => Simulation.Connect(CheckNode(node, nameof(node)));
    public void Heal() => Simulation.Heal();

    public void Partition(params IReadOnlyCollection<NodeId>[] groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        foreach (var group in groups)
            foreach (var node in group ?? throw new ArgumentNullException(nameof(groups)))
                CheckNode(node, nameof(groups));
        Simulation.Partition(groups);
    }

    /// <summary>
    /// Bit rot, on purpose: flips one stored byte of <paramref name="server"/>'s replica of <paramref name="handle"/>
    /// without touching its checksums — the next read, clone or scan of that block finds the mismatch.
    /// </summary>
    public void CorruptReplica(NodeId server, ChunkHandle handle, int offset = 0)
    {
        var store = StoreOf(CheckServer(server, nameof(server)));
        if (store.Find(handle) is not { } chunk) throw new ArgumentException($"{server} holds no replica of {handle}.", nameof(handle));
        if (offset < 0 || offset >= chunk.Length)
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"The replica holds {chunk.Length} bytes.");
        var bytes = store.ReadData(handle, offset, 1);
        bytes[0] ^= 0xFF;
        store.WriteData(handle, offset, bytes);
        _corrupted.Add((server, handle, Now));
    }

    /// <summary>The disk of a chunk server, also while it is down (a fresh view of the same blobs or directory).</summary>
    public IChunkStore StoreOf(NodeId server)
    {
        CheckServer(server, nameof(server));
        return Options.StoreDirectory is { } root
            ? new DiskChunkStore(Path.Combine(root, $"chunkserver-{server.Value}"))
            : new BlobChunkStore(Simulation.StorageOf(server));
    }

    private Func<INodeContext<DfsMessage>, IChunkStore>? StoreFactory(NodeId server) =>
        Options.StoreDirectory is { } root
            ? _ => new DiskChunkStore(Path.Combine(root, $"chunkserver-{server.Value}"))
            : null;

    private NodeId CheckNode(NodeId node, string parameterName) =>
        node.Value >= 0 && node.Value < Simulation.Nodes.Count
            ? node
            : throw new ArgumentException($"Unknown node {node}: this cluster has nodes n0..n{Simulation.Nodes.Count - 1}.", parameterName);

    private NodeId CheckServer(NodeId node, string parameterName) =>
        _servers.Contains(node)
            ? node
            : throw new ArgumentException($"{node} is not a chunk server: they are {string.Join(", ", _servers)}.", parameterName);
}

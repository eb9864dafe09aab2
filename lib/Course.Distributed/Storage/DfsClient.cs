using Course.Simulation;

namespace Course.Distributed.Storage;

/// <summary>
/// The client library (GFS §2.2, "linked into each application") as a client node: it asks the master for
/// metadata and talks to chunk servers for data (§2.4), pushes appends along a chain of replicas and commits
/// them through the primary (§3.1–3.2), reads each chunk from the nearest replica and falls back to the next
/// on any failure. Every call returns a <see cref="DfsOperation"/> that completes as the simulation runs.
/// </summary>
public sealed partial class DfsClient : INode<DfsMessage>
{
    private readonly DfsTopology _topology;
    private readonly DfsOptions _options;
    private readonly LinkModel _link;
    private readonly Dictionary<long, Operation> _byId = [];
    private readonly List<Operation> _active = [];
    private readonly List<ChunkReadRecord> _reads = [];
    private INodeContext<DfsMessage> _context = null!;
    private Outbox _outbox = null!;
    private long _nextId;

    public DfsClient(NodeId master, DfsTopology topology, DfsOptions? options = null, LinkModel? link = null)
    {
        Master = master;
        _topology = topology ?? throw new ArgumentNullException(nameof(topology));
        _options = (options ?? new DfsOptions()).Validated();
        _link = link ?? LinkModel.None;
    }

    public NodeId Master { get; }
    public NodeId Self => _context.Self;

    /// <summary>Every chunk read this client did, successful or not (the data behind read latency by distance).</summary>
    public IReadOnlyList<ChunkReadRecord> ChunkReads => _reads;

    public IReadOnlyList<DfsOperation> Pending => _active.Select(o => o.Result).ToArray();

    public void Start(INodeContext<DfsMessage> context)
    {
        _context = context;
        _outbox = new Outbox(context, _topology, _link);
        // Ids unique across incarnations, so the master's de-duplication never confuses two requests.
        _nextId = context.Random.NextInt64(1, long.MaxValue / 2) & ~0xFFFFFFL;
    }

    public DfsOperation Create(string path) => Begin(new MasterOperation(this, Op("create", path), id => new CreateFile(id, path)));

    public DfsOperation MakeDirectory(string path) => Begin(new MasterOperation(this, Op("mkdir", path), id => new MakeDirectory(id, path)));

    /// <summary>Deletes a file (its chunks are reclaimed lazily, GFS §4.4) or an empty directory.</summary>
    public DfsOperation Delete(string path) => Begin(new MasterOperation(this, Op("delete", path), id => new DeletePath(id, path)));

    public DfsOperation List(string path) => Begin(new MasterOperation(this, Op("list", path), id => new ListDirectory(id, path)));

    /// <summary>Creates <paramref name="path"/> (it must not exist) and writes <paramref name="data"/> into it.</summary>
    public DfsOperation Write(string path, byte[] data) => Begin(new AppendOperation(this, Op("write", path), path, Copy(data), create: true));

    /// <summary>Appends <paramref name="data"/> at the end of an existing file; all of it or none of it becomes visible.</summary>
    public DfsOperation Append(string path, byte[] data) => Begin(new AppendOperation(this, Op("append", path), path, Copy(data), create: false));

    /// <summary>Reads the whole file.</summary>
    public DfsOperation Read(string path) => Begin(new ReadOperation(this, Op("read", path), path, 0, null));

    /// <summary>Reads up to <paramref name="count"/> bytes from <paramref name="offset"/> (fewer at the end of the file).</summary>
    public DfsOperation Read(string path, long offset, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Begin(new ReadOperation(this, Op("read", path), path, offset, count));
    }

    /// <summary>
    /// Asks one particular server for part of one chunk at one version, bypassing the master — how a test or a
    /// notebook shows that a stale or corrupt replica refuses to answer (GFS §4.5, §5.2).
    /// </summary>
    public DfsOperation ReadReplica(NodeId server, ChunkHandle handle, long version, int offset, int count)
    {
        if (!_topology.Contains(server)) throw new ArgumentException($"Unknown node {server}.", nameof(server));
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Begin(new ReplicaReadOperation(this, new DfsOperation(NewId(), Self, "read-replica", $"{handle}@v{version} on {server}", _context.Now),
            server, new ReadChunk(0, handle, version, offset, count)));
    }

    public void Receive(NodeId from, DfsMessage message)
    {
        var id = message switch
        {
            MasterResponse m => m.RequestId,
            ReadReply m => m.RequestId,
            WriteReply m => m.RequestId,
            DataReceived m => m.DataId,
            _ => 0,
        };
        if (_byId.TryGetValue(id, out var op)) op.Deliver(from, message);
    }

    public void Tick()
    {
        _outbox.Flush();
        if (_active.Count > 0)
            foreach (var op in _active.ToArray()) op.Tick();
    }

    private DfsOperation Op(string kind, string path) => new(NewId(), Self, kind, DfsPath.Check(path, nameof(path)), _context.Now);

    private static byte[] Copy(byte[] data) => (byte[])(data ?? throw new ArgumentNullException(nameof(data))).Clone();

    private DfsOperation Begin(Operation op)
    {
        _active.Add(op);
        op.Begin();
        return op.Result;
    }

    private long NewId() => ++_nextId;

    private void Send(NodeId to, DfsMessage message) => _outbox.Send(to, message);
}

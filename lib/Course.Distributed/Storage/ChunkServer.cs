using System.Buffers.Binary;
using Course.Simulation;

namespace Course.Distributed.Storage;

/// <summary>
/// A GFS chunk server / HDFS data node as a sans-I/O node. It stores replicas in an <see cref="IChunkStore"/>
/// with a checksum per block, verifies every read (GFS §5.2), reports its chunks in heartbeats (§4.5), acts as
/// primary when the master grants it a lease (§3.1), buffers and forwards pushed data (§3.2), clones chunks on
/// the master's order (§4.3) and scans idle chunks for corruption. Only the store survives a crash.
/// </summary>
public sealed partial class ChunkServer : INode<DfsMessage>
{
    private const string BootKey = "dfs/boot";
    private readonly DfsTopology _topology;
    private readonly DfsOptions _options;
    private readonly LinkModel _link;
    private readonly Func<INodeContext<DfsMessage>, IChunkStore> _storeFactory;
    private readonly SortedDictionary<ChunkHandle, StoredChunk> _replicas = [];
    private readonly HashSet<ChunkHandle> _corrupt = [];
    private readonly Dictionary<ChunkHandle, PrimaryLease> _leases = [];
    private INodeContext<DfsMessage> _context = null!;
    private Outbox _outbox = null!;
    private ChecksummedChunk _io = null!;
    private long _bootId;
    private long _sequence = -1;
    private TimeSpan _nextHeartbeat;
    private TimeSpan _nextScrub;
    private ChunkHandle _scrubbed;

    /// <param name="master">Where heartbeats and reports go.</param>
    /// <param name="storeFactory">The disk, opened at every start (default: blobs of the node's durable storage).</param>
    public ChunkServer(NodeId master, DfsTopology topology, DfsOptions? options = null,
        Func<INodeContext<DfsMessage>, IChunkStore>? storeFactory = null, LinkModel? link = null, DfsCounters? counters = null)
    {
        Master = master;
        _topology = topology ?? throw new ArgumentNullException(nameof(topology));
        _options = (options ?? new DfsOptions()).Validated();
        _storeFactory = storeFactory ?? (context => new BlobChunkStore(context.Storage));
        _link = link ?? LinkModel.None;
        Counters = counters ?? new DfsCounters();
    }

    public NodeId Master { get; }
    public DfsCounters Counters { get; }
    public IChunkStore Store { get; private set; } = null!;

    /// <summary>The replicas this server holds (version and length), as its heartbeats report them.</summary>
    public IReadOnlyCollection<StoredChunk> Replicas => _replicas.Values;

    /// <summary>Whether this server has found its replica of <paramref name="handle"/> corrupt.</summary>
    public bool IsCorrupt(ChunkHandle handle) => _corrupt.Contains(handle);

    /// <summary>Whether this server holds a lease for <paramref name="handle"/> right now.</summary>
    public bool IsPrimary(ChunkHandle handle) => _leases.TryGetValue(handle, out var l) && _context.Now < l.Expiry;

    public void Start(INodeContext<DfsMessage> context)
    {
        _context = context;
        _outbox = new Outbox(context, _topology, _link);
        Store = _storeFactory(context);
        _io = new ChecksummedChunk(Store, _options.ChecksumBlockSize);
        foreach (var chunk in Store.List()) _replicas[chunk.Handle] = chunk;
        // Boot ids only grow, so the master can tell a heartbeat of this incarnation from a late one of the last.
        var last = context.Storage.Read(BootKey) is { Length: 8 } b ? BinaryPrimitives.ReadInt64LittleEndian(b) : 0;
        _bootId = Math.Max(last + 1, context.Now.Ticks);
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, _bootId);
        context.Storage.Write(BootKey, bytes);
        _nextScrub = context.Now + _options.ScrubInterval;
        SendHeartbeat(); // register at once (HDFS: a data node registers, then sends a block report)
    }

    public void Receive(NodeId from, DfsMessage message)
    {
        switch (message)
        {
            case PushData m: OnPushData(m); break;
            case WriteChunk m: OnWriteChunk(from, m); break;
            case ApplyMutation m: OnApplyMutation(from, m); break;
            case MutationApplied m: OnMutationApplied(from, m); break;
            case ReadChunk m: OnReadChunk(from, m); break;
            case SetVersion m: OnSetVersion(m); break;
            case HeartbeatReply m: OnHeartbeatReply(m); break;
            case CloneChunk m: OnCloneChunk(m); break;
            case FetchChunk m: OnFetchChunk(from, m); break;
            case ChunkContents m: OnChunkContents(m); break;
            case DeleteChunk m: OnDeleteChunk(m); break;
        }
    }

    public void Tick()
    {
        _outbox.Flush();
        if (_context.Now >= _nextHeartbeat)
        {
            SendHeartbeat();
            ForgetOld();
        }
        ExpireWrites();
        if (_fetches.Count > 0) ExpireFetches();
        if (_options.ScrubInterval > TimeSpan.Zero && _context.Now >= _nextScrub)
        {
            _nextScrub = _context.Now + _options.ScrubInterval;
            Scrub();
        }
    }

    private void SendHeartbeat()
    {
        _nextHeartbeat = _context.Now + _options.HeartbeatInterval;
        var reports = _replicas.Values.Select(r => new ReplicaReport(r.Handle, r.Version, r.Length, _corrupt.Contains(r.Handle))).ToArray();
        var half = _options.LeaseDuration / 2;
        var extend = _leases
            .Where(kv => kv.Value.Expiry > _context.Now && kv.Value.Expiry - _context.Now < half && kv.Value.LastMutation > _context.Now - half)
            .Select(kv => new ChunkVersion(kv.Key, kv.Value.Version)).ToArray();
        Send(Master, new Heartbeat(_bootId, ++_sequence, reports, extend));
    }

    private void OnHeartbeatReply(HeartbeatReply m)
    {
        foreach (var e in m.Extensions)
            if (_leases.TryGetValue(e.Handle, out var lease) && lease.Version == e.Version && e.Expiry > lease.Expiry)
                lease.Expiry = e.Expiry;
    }

    /// <summary>
    /// A new lease means a new version (GFS §4.5). The replica records it durably before answering, and refuses
    /// if it is not at the version the master expects — then it missed something and is stale.
    /// </summary>
    private void OnSetVersion(SetVersion m)
    {
        ChunkStatus status;
        if (_replicas.TryGetValue(m.Handle, out var replica))
        {
            if (replica.Version == m.NewVersion) status = ChunkStatus.Ok; // a resent order
            else if (_corrupt.Contains(m.Handle)) status = ChunkStatus.Corrupt;
            else if (replica.Version == m.ExpectedVersion)
            {
                _io.SetVersion(m.Handle, m.NewVersion);
                status = ChunkStatus.Ok;
            }
            else status = replica.Version > m.NewVersion ? ChunkStatus.NewerVersion : ChunkStatus.StaleVersion;
        }
        else if (m.Create)
        {
            _io.SetVersion(m.Handle, m.NewVersion);
            status = ChunkStatus.Ok;
        }
        else status = ChunkStatus.NoSuchChunk;

        if (status == ChunkStatus.Ok)
        {
            Refresh(m.Handle);
            if (_leases.TryGetValue(m.Handle, out var old) && old.Version < m.NewVersion) _leases.Remove(m.Handle);
            if (m.Primary == _context.Self && !_leases.ContainsKey(m.Handle)) _leases[m.Handle] = new PrimaryLease(m.NewVersion, m.LeaseExpiry);
        }
        Send(Master, new VersionSet(m.GrantId, m.Handle, m.NewVersion, status, _bootId, _sequence));
    }

    /// <summary>GFS §4.5: the client sends the version the master named; a replica at another version does not answer with data.</summary>
    private void OnReadChunk(NodeId from, ReadChunk m)
    {
        var status = Usable(m.Handle, m.Version);
        var data = Array.Empty<byte>();
        if (status == ChunkStatus.Ok)
        {
            status = _io.Read(m.Handle, m.Offset, m.Length, out data);
            if (status == ChunkStatus.Corrupt) FoundCorrupt(m.Handle);
            else if (status == ChunkStatus.Ok) Counters.ReadsServed++;
        }
        else if (status == ChunkStatus.StaleVersion) Counters.StaleReadsRefused++;
        Send(from, new ReadReply(m.RequestId, status, data));
    }

    private void OnDeleteChunk(DeleteChunk m)
    {
        if (!_replicas.TryGetValue(m.Handle, out var replica) || replica.Version > m.UpToVersion) return;
        Store.Delete(m.Handle);
        _replicas.Remove(m.Handle);
        _corrupt.Remove(m.Handle);
        _leases.Remove(m.Handle);
        _applied.Remove(m.Handle);
        _context.Note("chunkserver", $"deleted {m.Handle}@v{replica.Version}");
    }

    /// <summary>Whether the replica can serve <paramref name="version"/>: present, at exactly that version, not known corrupt.</summary>
    private ChunkStatus Usable(ChunkHandle handle, long version) =>
        !_replicas.TryGetValue(handle, out var replica) ? ChunkStatus.NoSuchChunk
        : replica.Version < version ? ChunkStatus.StaleVersion
        : replica.Version > version ? ChunkStatus.NewerVersion
        : _corrupt.Contains(handle) ? ChunkStatus.Corrupt
        : ChunkStatus.Ok;

    /// <summary>GFS §5.2: a mismatch is reported to the master, and the replica serves nothing more.</summary>
    private void FoundCorrupt(ChunkHandle handle)
    {
        if (!_corrupt.Add(handle)) return;
        Counters.ChecksumMismatches++;
        _context.Note("chunkserver", $"checksum mismatch in {handle}: reporting it");
        Send(Master, new ReportCorruption(handle, _replicas[handle].Version));
    }

    private void Refresh(ChunkHandle handle)
    {
        if (Store.Find(handle) is { } chunk) _replicas[handle] = chunk;
        else _replicas.Remove(handle);
    }

    private void Send(NodeId to, DfsMessage message) => _outbox.Send(to, message);
}

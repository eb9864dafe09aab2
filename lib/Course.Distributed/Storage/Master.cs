using Course.Simulation;

namespace Course.Distributed.Storage;

/// <summary>
/// The GFS master (§2.6, §4) as a sans-I/O node: it holds the namespace and the file → chunk → version mapping
/// (persisted), learns replica locations from heartbeats (not persisted), grants chunk leases with a new version
/// each (§3.1, §4.5), declares silent servers dead, re-replicates under-replicated chunks from a healthy replica
/// (§4.3), deletes stale, corrupt, excess and orphaned replicas (§4.4, §4.5, §5.2). It never touches file data:
/// clients talk to chunk servers for that (§2.4).
/// </summary>
public sealed partial class Master : INode<DfsMessage>
{
    private const int RepliesKept = 4096;
    private readonly DfsTopology _topology;
    private readonly DfsOptions _options;
    private readonly LinkModel _link;
    private readonly Dictionary<ChunkHandle, ChunkInfo> _chunks = [];
    private readonly Dictionary<NodeId, ServerState> _servers = [];
    private readonly Dictionary<(NodeId Client, long RequestId), MasterResponse> _replies = [];
    private readonly Queue<(NodeId Client, long RequestId)> _replyOrder = new();
    private readonly HashSet<ChunkInfo> _granting = [];
    private INodeContext<DfsMessage> _context = null!;
    private Outbox _outbox = null!;
    private DfsNamespace _namespace = new();
    private long _nextHandle = 1;
    private long _nextGrantId = 1;
    private TimeSpan _safeModeUntil;
    private TimeSpan _nextScan;

    public Master(DfsTopology topology, DfsOptions? options = null, LinkModel? link = null, DfsCounters? counters = null)
    {
        _topology = topology ?? throw new ArgumentNullException(nameof(topology));
        _options = (options ?? new DfsOptions()).Validated();
        _link = link ?? LinkModel.None;
        Counters = counters ?? new DfsCounters();
    }

    public DfsCounters Counters { get; }
    public DfsOptions Options => _options;
    public DfsNamespace Namespace => _namespace;
    public IReadOnlyDictionary<ChunkHandle, ChunkInfo> Chunks => _chunks;

    /// <summary>Just restarted: no leases, no re-replication, no deletions until old leases are over and servers have reported.</summary>
    public bool InSafeMode => _context.Now < _safeModeUntil;

    public bool IsAlive(NodeId server) => _servers.TryGetValue(server, out var s) && s.Alive;

    public IReadOnlyList<NodeId> LiveServers => _servers.Values.Where(s => s.Alive).Select(s => s.Id).Order().ToArray();

    public int LiveReplicas(ChunkInfo chunk) => chunk.Locations.Count(IsAlive);

    /// <summary>Chunks holding committed bytes that have fewer live replicas than the goal, or a corrupt copy left.</summary>
    public int ChunksBelowGoal => _chunks.Values.Count(c => CommittedBytes(c) > 0 && (LiveReplicas(c) < _options.ReplicationFactor || c.Corrupt.Count > 0));

    public void Start(INodeContext<DfsMessage> context)
    {
        _context = context;
        _outbox = new Outbox(context, _topology, _link);
        if (MasterCheckpoint.Decode(context.Storage.Read(MasterCheckpoint.Key)) is { } saved)
        {
            (_namespace, var chunks, _nextHandle) = saved;
            foreach (var (handle, chunk) in chunks) _chunks[handle] = chunk;
            _safeModeUntil = context.Now + _options.SafeModeDuration;
            context.Note("master", $"restarted: {_namespace.FileCount} files, {_chunks.Count} chunks; safe mode until {_safeModeUntil.TotalMilliseconds:F0} ms");
        }
        _nextScan = context.Now + _options.ReplicationScanInterval;
    }

    public void Receive(NodeId from, DfsMessage message)
    {
        switch (message)
        {
            case Heartbeat m: OnHeartbeat(from, m); break;
            case VersionSet m: OnVersionSet(from, m); break;
            case CloneDone m: OnCloneDone(from, m); break;
            case ReportCorruption m: OnReportCorruption(from, m); break;
            case MasterRequest m when _replies.TryGetValue((from, m.RequestId), out var cached): Send(from, cached); break;
            case CreateFile m: Remember(from, new MasterReply(m.RequestId, Persisted(_namespace.CreateFile(m.Path, out _)))); break;
            case MakeDirectory m: Remember(from, new MasterReply(m.RequestId, Persisted(_namespace.MakeDirectory(m.Path)))); break;
            case DeletePath m: Remember(from, new MasterReply(m.RequestId, Delete(m.Path))); break;
            case ListDirectory m: Send(from, List(m)); break;
            case GetFileInfo m: Send(from, FileInfo(m)); break;
            case OpenForAppend m: Send(from, Open(from, m)); break;
            case AddChunk m: OnAddChunk(from, m); break;
            case GetLease m: OnGetLease(from, m); break;
            case CompleteAppend m: Remember(from, Complete(from, m)); break;
            case AbandonAppend m: Remember(from, Abandon(from, m)); break;
        }
    }

    public void Tick()
    {
        _outbox.Flush();
        if (_granting.Count > 0)
        {
            foreach (var chunk in _granting.Where(c => _context.Now >= c.Grant!.Deadline).ToArray()) FinishGrant(chunk);
            foreach (var chunk in _granting.Where(c => !c.Grant!.Resent && _context.Now >= c.Grant.Deadline - _options.GrantTimeout / 2))
                ResendGrant(chunk);
        }
        if (_context.Now < _nextScan) return;
        _nextScan = _context.Now + _options.ReplicationScanInterval;
        DetectDeadServers();
        Replicate();
    }

    // ---- namespace operations (GFS §4.1) ----

    private DfsError Delete(string path)
    {
        var error = _namespace.Delete(path, out var file);
        if (file is not null)
            foreach (var handle in file.Chunks)
            {
                // The replicas stay on the servers until heartbeats show them orphaned (lazy garbage collection, §4.4).
                if (_chunks.Remove(handle, out var chunk) && chunk.Grant is { } grant)
                {
                    _granting.Remove(chunk);
                    foreach (var (client, id) in grant.Waiters) Send(client, new LeaseReply(id, DfsError.NotFound, null));
                }
            }
        return Persisted(error);
    }

    private ListingReply List(ListDirectory m)
    {
        var error = _namespace.List(m.Path, out var entries);
        return new ListingReply(m.RequestId, error, entries);
    }

    private FileInfoReply FileInfo(GetFileInfo m)
    {
        if (_namespace.File(m.Path) is not { } file)
            return new FileInfoReply(m.RequestId, _namespace.IsDirectory(m.Path) ? DfsError.IsADirectory : DfsError.NotFound, 0, []);
        var used = (int)((file.Length + _options.ChunkSize - 1) / _options.ChunkSize);
        var chunks = file.Chunks.Take(used).Select(h => _chunks[h])
            .Select(c => new ChunkLocations(c.Handle, c.Version, c.Locations.Where(IsAlive).Order().ToArray()))
            .ToArray();
        return new FileInfoReply(m.RequestId, DfsError.None, file.Length, chunks);
    }

    private AppendOpened Open(NodeId client, OpenForAppend m)
    {
        if (_namespace.File(m.Path) is not { } file)
            return new AppendOpened(m.RequestId, _namespace.IsDirectory(m.Path) ? DfsError.IsADirectory : DfsError.NotFound, 0, []);
        var error = AcquireWriter(file, client);
        return new AppendOpened(m.RequestId, error, file.Length, error == DfsError.None ? file.Chunks.ToArray() : []);
    }

    /// <summary>
    /// Gives <paramref name="client"/> the file's writer lease, or renews it. A different writer taking over from one
    /// that never completed must not be overtaken by the old writer's late mutations: the chunk leases at the
    /// file's tail are revoked, so the new writer's first lease bumps their versions and fences the old one out.
    /// </summary>
    private DfsError AcquireWriter(FileEntry file, NodeId client)
    {
        if (file.Writer is { } w && w.Client != client && w.IsValidAt(_context.Now)) return DfsError.WriterConflict;
        if (file.Writer?.Client != client && file.UncleanWriter)
            foreach (var handle in file.Chunks.Skip((int)(file.Length / _options.ChunkSize)))
                _chunks[handle].Lease = null;
        file.Writer = new WriterLease(client, _context.Now + _options.WriterLeaseDuration);
        file.UncleanWriter = true;
        return DfsError.None;
    }

    /// <summary>
    /// Renews the writer lease of the client that holds it — only that one. A writer whose lease was taken over
    /// (or released) must not carry on: it would write at the offset it opened with, over what the next writer
    /// has committed since.
    /// </summary>
    private DfsError RenewWriter(FileEntry file, NodeId client)
    {
        if (file.Writer is not { } lease || lease.Client != client) return DfsError.WriterConflict;
        file.Writer = lease with { Expiry = _context.Now + _options.WriterLeaseDuration };
        return DfsError.None;
    }

    /// <summary>
    /// The append's commit point: the new bytes become visible only if every chunk was written at the version
    /// that is still current — no lease was re-granted behind the writer's back — so success means every
    /// up-to-date replica holds them.
    /// </summary>
    private MasterReply Complete(NodeId client, CompleteAppend m)
    {
        if (_namespace.File(m.Path) is not { } file) return new MasterReply(m.RequestId, DfsError.NotFound);
        var versionsHold = m.Written.All(w => file.Chunks.Contains(w.Handle) && _chunks[w.Handle].Version == w.Version);
        if (file.Length == m.NewLength && m.NewLength > m.OldLength && versionsHold && file.Writer?.Client is null)
            return new MasterReply(m.RequestId, DfsError.None, "already completed"); // a resent request after a master restart
        if (file.Writer is { } w && w.Client != client) return new MasterReply(m.RequestId, DfsError.WriterConflict, $"writer lease held by {w.Client}");
        if (file.Length != m.OldLength) return new MasterReply(m.RequestId, DfsError.Conflict, $"file length is {file.Length}, not {m.OldLength}");
        if (!versionsHold) return new MasterReply(m.RequestId, DfsError.Conflict, "a chunk version changed after it was written");
        if (m.NewLength < m.OldLength || m.NewLength > (long)file.Chunks.Count * _options.ChunkSize)
            return new MasterReply(m.RequestId, DfsError.BadRequest, "new length outside the file's chunks");
        file.Length = m.NewLength;
        file.Writer = null;
        file.UncleanWriter = false;
        Persist();
        return new MasterReply(m.RequestId, DfsError.None);
    }

    private MasterReply Abandon(NodeId client, AbandonAppend m)
    {
        if (_namespace.File(m.Path) is { Writer.Client: var holder } file && holder == client) file.Writer = null;
        return new MasterReply(m.RequestId, DfsError.None);
    }

    // ---- plumbing ----

    private TimeSpan Now => _context.Now;

    internal void Send(NodeId to, DfsMessage message) => _outbox.Send(to, message);

    private void Remember(NodeId client, MasterResponse reply)
    {
        _replies[(client, reply.RequestId)] = reply;
        _replyOrder.Enqueue((client, reply.RequestId));
        while (_replyOrder.Count > RepliesKept) _replies.Remove(_replyOrder.Dequeue());
        Send(client, reply);
    }

    private DfsError Persisted(DfsError error)
    {
        if (error == DfsError.None) Persist();
        return error;
    }

    private void Persist() => _context.Storage.Write(MasterCheckpoint.Key, MasterCheckpoint.Encode(_namespace, _chunks, _nextHandle));

    private long CommittedBytes(ChunkInfo chunk)
    {
        var length = _namespace.File(chunk.Path)?.Length ?? 0;
        return Math.Clamp(length - (long)chunk.Index * _options.ChunkSize, 0, _options.ChunkSize);
    }

    private void Note(string detail) => _context.Note("master", detail);
}

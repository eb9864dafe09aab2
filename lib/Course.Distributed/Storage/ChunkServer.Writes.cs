using Course.Simulation;

namespace Course.Distributed.Storage;

public sealed partial class ChunkServer
{
    private readonly Dictionary<long, PushBuffer> _buffers = [];
    private readonly Dictionary<ChunkHandle, (long Version, long Serial)> _applied = [];
    private readonly Dictionary<(ChunkHandle, long), PendingMutation> _pending = [];
    private readonly Dictionary<long, (TimeSpan At, WriteReply? Reply)> _writes = [];

    /// <summary>
    /// Data flow (GFS §3.2): keep the packet in the buffer and pass it on to the next replica of the chain at
    /// once — not after the whole data has arrived — so the push is pipelined. Tell the client when all is here.
    /// </summary>
    private void OnPushData(PushData m)
    {
        if (!_buffers.TryGetValue(m.DataId, out var buffer))
            _buffers[m.DataId] = buffer = new PushBuffer(m.Packets, m.TotalLength);
        buffer.Touched = _context.Now;
        if (m.Packet < 0 || m.Packet >= buffer.Packets.Length) return;
        if (buffer.Packets[m.Packet] is null)
        {
            buffer.Packets[m.Packet] = m.Bytes;
            buffer.Received++;
            Counters.BytesPushed += m.Bytes.Length;
            if (m.Forward.Count > 0) Send(m.Forward[0], m with { Forward = m.Forward.Skip(1).ToArray() });
            if (!buffer.Complete) return;
        }
        if (buffer.Complete) Send(m.Client, new DataReceived(m.DataId));
    }

    /// <summary>
    /// The primary (GFS §3.1 steps 4–7): check the lease, give the mutation the next serial number, apply it,
    /// forward it to every secondary in that order, and answer the client once all have applied it — or name
    /// the ones that failed, so the client can have them fenced off.
    /// </summary>
    private void OnWriteChunk(NodeId client, WriteChunk m)
    {
        if (_writes.TryGetValue(m.RequestId, out var seen))
        {
            if (seen.Reply is { } again) Send(client, again);
            return;
        }
        var status = Usable(m.Handle, m.Version);
        if (status == ChunkStatus.Ok && (!_leases.TryGetValue(m.Handle, out var lease) || lease.Version != m.Version || _context.Now >= lease.Expiry))
        {
            Reply(client, m.RequestId, ChunkStatus.NotPrimary, []);
            return;
        }
        if (status == ChunkStatus.Ok) status = Apply(m.Handle, m.Version, m.DataId, m.Offset, m.Length);
        if (status != ChunkStatus.Ok)
        {
            Reply(client, m.RequestId, status, [_context.Self]);
            return;
        }
        lease = _leases[m.Handle];
        var serial = ++lease.LastSerial;
        lease.LastMutation = _context.Now;
        if (m.Secondaries.Count == 0)
        {
            Reply(client, m.RequestId, ChunkStatus.Ok, []);
            return;
        }
        _writes[m.RequestId] = (_context.Now, null);
        var apply = new ApplyMutation(m.Handle, m.Version, serial, m.DataId, m.Offset, m.Length, lease.Expiry);
        _pending[(m.Handle, serial)] = new PendingMutation(m.RequestId, client, m.Secondaries.ToHashSet(), apply, _context.Now + _options.MutationTimeout);
        foreach (var secondary in m.Secondaries) Send(secondary, apply);
    }

    /// <summary>A secondary applies mutations in the primary's serial order, and only while the lease lasts.</summary>
    private void OnApplyMutation(NodeId primary, ApplyMutation m)
    {
        var status = Usable(m.Handle, m.Version);
        if (status == ChunkStatus.Ok && _context.Now >= m.LeaseExpiry) status = ChunkStatus.NotPrimary;
        if (status == ChunkStatus.Ok)
        {
            var last = _applied.TryGetValue(m.Handle, out var a) && a.Version == m.Version ? a.Serial : 0;
            if (m.Serial <= last) { Send(primary, new MutationApplied(m.Handle, m.Version, m.Serial, ChunkStatus.Ok)); return; } // a duplicate
            status = m.Serial != last + 1 ? ChunkStatus.OutOfOrder : Apply(m.Handle, m.Version, m.DataId, m.Offset, m.Length);
            if (status == ChunkStatus.Ok) _applied[m.Handle] = (m.Version, m.Serial);
        }
        Send(primary, new MutationApplied(m.Handle, m.Version, m.Serial, status));
    }

    private void OnMutationApplied(NodeId secondary, MutationApplied m)
    {
        if (!_pending.TryGetValue((m.Handle, m.Serial), out var pending) || !pending.Waiting.Remove(secondary)) return;
        if (m.Status != ChunkStatus.Ok) pending.Failed.Add(secondary);
        if (pending.Waiting.Count == 0) Finish(m.Handle, m.Serial, pending);
    }

    private ChunkStatus Apply(ChunkHandle handle, long version, long dataId, int offset, int length)
    {
        if (!_buffers.TryGetValue(dataId, out var buffer) || buffer.TotalLength != length || buffer.Data() is not { } data) return ChunkStatus.DataMissing;
        var status = _io.Write(handle, version, offset, data);
        if (status == ChunkStatus.Corrupt) FoundCorrupt(handle);
        if (status != ChunkStatus.Ok) return status;
        Refresh(handle);
        Counters.MutationsApplied++;
        return ChunkStatus.Ok;
    }

    private void Finish(ChunkHandle handle, long serial, PendingMutation pending)
    {
        _pending.Remove((handle, serial));
        var failed = pending.Failed.Order().ToArray();
        Reply(pending.Client, pending.RequestId, failed.Length == 0 ? ChunkStatus.Ok : ChunkStatus.SecondaryFailed, failed);
    }

    private void Reply(NodeId client, long requestId, ChunkStatus status, IReadOnlyList<NodeId> failed)
    {
        var reply = new WriteReply(requestId, status, failed);
        _writes[requestId] = (_context.Now, reply);
        Send(client, reply);
    }

    private void ExpireWrites()
    {
        if (_pending.Count == 0) return;
        foreach (var pending in _pending.Values.Where(p => !p.Resent && _context.Now >= p.Deadline - _options.MutationTimeout / 2))
        {
            pending.Resent = true; // a lost message should not cost a healthy secondary its place (it ignores a repeat)
            foreach (var secondary in pending.Waiting) Send(secondary, pending.Message);
        }
        foreach (var (key, pending) in _pending.Where(kv => _context.Now >= kv.Value.Deadline).ToArray())
        {
            pending.Failed.UnionWith(pending.Waiting); // silent secondaries count as failed
            pending.Waiting.Clear();
            Finish(key.Item1, key.Item2, pending);
        }
    }

    /// <summary>Forgets old write answers and unused pushed data (run with every heartbeat).</summary>
    private void ForgetOld()
    {
        var keep = _options.LeaseDuration + _options.LeaseDuration;
        foreach (var id in _writes.Where(kv => _context.Now - kv.Value.At > keep).Select(kv => kv.Key).ToArray()) _writes.Remove(id);
        foreach (var id in _buffers.Where(kv => _context.Now - kv.Value.Touched > _options.PushBufferLifetime).Select(kv => kv.Key).ToArray()) _buffers.Remove(id);
    }

    /// <summary>Pushed data waiting in memory for its write (GFS §3.2: "an internal LRU buffer cache").</summary>
    private sealed class PushBuffer(int packets, int totalLength)
    {
        public byte[]?[] Packets { get; } = new byte[]?[Math.Max(0, packets)];
        public int TotalLength { get; } = totalLength;
        public int Received { get; set; }
        public TimeSpan Touched { get; set; }
        public bool Complete => Received == Packets.Length;

        /// <summary>The packets joined, or null while some are missing or they do not add up to the announced length.</summary>
        public byte[]? Data()
        {
            if (!Complete || Packets.Sum(p => p!.Length) != TotalLength) return null;
            var data = new byte[TotalLength];
            var at = 0;
            foreach (var p in Packets)
            {
                p!.CopyTo(data, at);
                at += p.Length;
            }
            return data;
        }
    }

    private sealed class PendingMutation(long requestId, NodeId client, HashSet<NodeId> waiting, ApplyMutation message, TimeSpan deadline)
    {
        public ApplyMutation Message { get; } = message;
        public bool Resent { get; set; }
        public long RequestId { get; } = requestId;
        public NodeId Client { get; } = client;
        public HashSet<NodeId> Waiting { get; } = waiting;
        public HashSet<NodeId> Failed { get; } = [];
        public TimeSpan Deadline { get; } = deadline;
    }
}

using Course.Simulation;

namespace Course.Distributed.Storage;

public sealed partial class Master
{
    /// <summary>The writer reached a chunk the file does not have yet: allocate it and place its replicas (GFS §4.2).</summary>
    private void OnAddChunk(NodeId client, AddChunk m)
    {
        if (_namespace.File(m.Path) is not { } file) { Send(client, new LeaseReply(m.RequestId, DfsError.NotFound, null)); return; }
        if (RenewWriter(file, client) is var error and not DfsError.None) { Send(client, new LeaseReply(m.RequestId, error, null)); return; }
        if (m.Index < 0 || m.Index > file.Chunks.Count) { Send(client, new LeaseReply(m.RequestId, DfsError.BadRequest, null)); return; }
        if (InSafeMode) { Send(client, new LeaseReply(m.RequestId, DfsError.SafeMode, null)); return; }
        if (m.Index < file.Chunks.Count)
        {
            RequestLease(_chunks[file.Chunks[m.Index]], client, m.RequestId, [], revoke: false); // a resent AddChunk
            return;
        }
        var chunk = new ChunkInfo(new ChunkHandle(_nextHandle++), file.Path, m.Index);
        file.ChunkList.Add(chunk.Handle);
        _chunks.Add(chunk.Handle, chunk);
        Persist(); // before any server creates it: a handle is never handed out twice, even across a master crash
        RequestLease(chunk, client, m.RequestId, [], revoke: false);
    }

    private void OnGetLease(NodeId client, GetLease m)
    {
        if (!_chunks.TryGetValue(m.Handle, out var chunk) || _namespace.File(chunk.Path) is not { } file)
        {
            Send(client, new LeaseReply(m.RequestId, DfsError.NotFound, null));
            return;
        }
        if (RenewWriter(file, client) is var error and not DfsError.None) { Send(client, new LeaseReply(m.RequestId, error, null)); return; }
        if (InSafeMode) { Send(client, new LeaseReply(m.RequestId, DfsError.SafeMode, null)); return; }
        var current = chunk.Lease?.Version == m.SeenVersion;
        RequestLease(chunk, client, m.RequestId, current ? m.Failed : [], revoke: m.Revoke && current);
    }

    /// <summary>
    /// GFS §3.1 steps 1–2: answer with the current lease if it is healthy; otherwise grant a new one — to the
    /// replicas that are alive, up to date and not reported failed — under a new version (§4.5). Replicas left
    /// out keep the old version and are stale from then on: that is how a failed write fences them.
    /// </summary>
    private void RequestLease(ChunkInfo chunk, NodeId client, long requestId, IReadOnlyList<NodeId> failed, bool revoke)
    {
        if (chunk.Grant is { } pending)
        {
            pending.Waiters.Add((client, requestId));
            return;
        }
        if (!revoke && chunk.Lease is { } lease && lease.Version == chunk.Version
            && lease.Expiry - Now > _options.LeaseDuration / 4
            && lease.Replicas.All(r => IsAlive(r) && chunk.Locations.Contains(r) && !failed.Contains(r)))
        {
            Send(client, new LeaseReply(requestId, DfsError.None, lease.ToInfo(chunk.Handle)));
            return;
        }
        if (chunk.Version == 0)
        {
            // Never created (or its creation failed): place it now, HDFS-style, around the writer.
            var alive = LiveServers.Where(s => !failed.Contains(s)).ToArray();
            if (alive.Length == 0) { Send(client, new LeaseReply(requestId, DfsError.TryAgain, null)); return; }
            var placed = Placement.ForNewChunk(client, alive, _options.ReplicationFactor, LoadOf, _topology, _context.Random);
            foreach (var s in placed) _servers[s].RecentlyAssigned++;
            StartGrant(chunk, placed, create: true, client, (client, requestId));
            return;
        }
        var targets = chunk.Locations.Where(s => IsAlive(s) && !failed.Contains(s)).Order().ToArray();
        if (targets.Length == 0)
        {
            Send(client, new LeaseReply(requestId, DfsError.NoReplicas, null));
            return;
        }
        StartGrant(chunk, targets, create: false, client, (client, requestId));
    }

    private void StartGrant(ChunkInfo chunk, IReadOnlyList<NodeId> targets, bool create, NodeId requester, (NodeId, long) waiter)
    {
        chunk.Lease = null;
        var version = Math.Max(chunk.Version, chunk.IssuedVersion) + 1;
        chunk.IssuedVersion = version;
        var primary = _topology.Contains(requester) ? _topology.ByDistance(requester, targets, _context.Random)[0] : targets[0];
        var grant = new PendingGrant(_nextGrantId++, chunk.Version, version, primary, targets, create, Now + _options.LeaseDuration, Now + _options.GrantTimeout);
        grant.Waiters.Add(waiter);
        chunk.Grant = grant;
        _granting.Add(chunk);
        Counters.VersionBumps++;
        foreach (var t in targets)
            Send(t, new SetVersion(grant.Id, chunk.Handle, chunk.Version, version, create, primary, grant.LeaseExpiry));
    }

    /// <summary>Half-way to the grant's deadline, asks the silent replicas once more (a replica answers a repeat the same way).</summary>
    private void ResendGrant(ChunkInfo chunk)
    {
        var grant = chunk.Grant!;
        grant.Resent = true;
        foreach (var t in grant.Targets.Where(t => !grant.Acked.Contains(t) && !grant.Refused.Contains(t)))
            Send(t, new SetVersion(grant.Id, chunk.Handle, grant.ExpectedVersion, grant.Version, grant.Create, grant.Primary, grant.LeaseExpiry));
    }

    private void OnVersionSet(NodeId from, VersionSet m)
    {
        if (!_chunks.TryGetValue(m.Handle, out var chunk) || chunk.Grant is not { } grant || grant.Id != m.GrantId) return;
        if (m.Status == ChunkStatus.Ok)
        {
            grant.Acked.Add(from);
            Confirm(from, m.Handle, m.BootId, m.Sequence);
        }
        else grant.Refused.Add(from);
        if (grant.Acked.Count + grant.Refused.Count == grant.Targets.Count) FinishGrant(chunk);
    }

    /// <summary>
    /// Every replica answered, or the grant timed out. The version is persisted only now, after replicas
    /// recorded it (if the master crashes first, it adopts the higher version a replica reports, §4.5). The
    /// lease names every replica that was asked and did not refuse — also a silent one, which may yet apply the
    /// version: holding a version then always means being in that version's lease, so no replica ever has the
    /// current version without every committed mutation.
    /// </summary>
    private void FinishGrant(ChunkInfo chunk)
    {
        var grant = chunk.Grant!;
        chunk.Grant = null;
        _granting.Remove(chunk);
        if (grant.Acked.Count == 0)
        {
            Reply(grant, new LeaseReply(0, DfsError.TryAgain, null));
            return;
        }
        chunk.Version = grant.Version;
        chunk.Locations.Clear();
        chunk.Locations.UnionWith(grant.Acked.Where(IsAlive));
        Persist();
        if (!grant.Acked.Contains(grant.Primary))
        {
            Note($"{chunk.Handle}: v{grant.Version} without its primary {grant.Primary}; writer must ask again");
            Reply(grant, new LeaseReply(0, DfsError.TryAgain, null));
            return;
        }
        var secondaries = grant.Targets.Where(t => t != grant.Primary && !grant.Refused.Contains(t)).ToArray();
        chunk.Lease = new ChunkLease(grant.Primary, secondaries, grant.Version, grant.LeaseExpiry);
        Counters.LeasesGranted++;
        Note($"lease {chunk.Handle}@v{grant.Version}: primary {grant.Primary}, secondaries [{string.Join(", ", secondaries)}]");
        Reply(grant, new LeaseReply(0, DfsError.None, chunk.Lease.ToInfo(chunk.Handle)));
    }

    private void Reply(PendingGrant grant, LeaseReply template)
    {
        foreach (var (client, requestId) in grant.Waiters) Send(client, template with { RequestId = requestId });
    }

    /// <summary>Heartbeats the server sent before this direct answer describe the past: ignore them for this chunk.</summary>
    private void Confirm(NodeId server, ChunkHandle handle, long bootId, long sequence)
    {
        var s = ServerOf(server);
        if (bootId < s.BootId) return; // a late answer of an earlier incarnation
        if (bootId > s.BootId) s.NewIncarnation(bootId);
        s.ConfirmedAfter[handle] = Math.Max(sequence, s.ConfirmedAfter.GetValueOrDefault(handle, -1));
    }

    private int LoadOf(NodeId server) => _servers.TryGetValue(server, out var s) ? s.Load : 0;
}

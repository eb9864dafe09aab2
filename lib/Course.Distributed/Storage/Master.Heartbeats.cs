using Course.Simulation;

namespace Course.Distributed.Storage;

public sealed partial class Master
{
    /// <summary>
    /// A chunk server's report (GFS §2.6.2, §4.5): the master learns where replicas are, finds stale ones by
    /// version, orphans by handle (garbage collection, §4.4) and replicas that failed a checksum, and extends the
    /// leases of primaries that are still mutating (§3.1).
    /// </summary>
    private void OnHeartbeat(NodeId from, Heartbeat hb)
    {
        var server = ServerOf(from);
        if (hb.BootId < server.BootId) return;                      // from an earlier incarnation, overtaken
        if (hb.BootId > server.BootId) server.NewIncarnation(hb.BootId);
        else if (hb.Sequence <= server.LastSequence) return;       // overtaken by a newer heartbeat
        server.LastSequence = hb.Sequence;
        server.LastSeen = Now;
        server.ReportedChunks = hb.Chunks.Count;
        server.RecentlyAssigned = 0;
        if (!server.Alive)
        {
            server.Alive = true;
            Note($"{from} registered with {hb.Chunks.Count} chunks");
        }

        var reported = new HashSet<ChunkHandle>();
        foreach (var report in hb.Chunks)
        {
            reported.Add(report.Handle);
            if (server.ConfirmedAfter.TryGetValue(report.Handle, out var seq) && hb.Sequence <= seq) continue;
            Reconcile(from, report);
        }
        foreach (var chunk in _chunks.Values.Where(c => c.Locations.Contains(from) && !reported.Contains(c.Handle)))
            if (!(server.ConfirmedAfter.TryGetValue(chunk.Handle, out var seq) && hb.Sequence <= seq))
                chunk.Locations.Remove(from); // the replica is gone (deleted, or the disk was wiped)
        foreach (var handle in server.ConfirmedAfter.Where(kv => kv.Value < hb.Sequence).Select(kv => kv.Key).ToArray())
            server.ConfirmedAfter.Remove(handle);

        var extensions = new List<LeaseExtension>();
        foreach (var request in hb.ExtendLeases)
            if (_chunks.TryGetValue(request.Handle, out var chunk) && chunk.Lease is { } lease
                && lease.Primary == from && lease.Version == request.Version && lease.IsValidAt(Now))
            {
                chunk.Lease = lease with { Expiry = Now + _options.LeaseDuration };
                extensions.Add(new LeaseExtension(request.Handle, request.Version, chunk.Lease.Expiry));
            }
        Send(from, new HeartbeatReply(extensions));
    }

    private void Reconcile(NodeId from, ReplicaReport report)
    {
        if (!_chunks.TryGetValue(report.Handle, out var chunk))
        {
            if (InSafeMode) return;
            Counters.OrphanReplicasDeleted++;
            Send(from, new DeleteChunk(report.Handle, long.MaxValue)); // its file was deleted (§4.4)
            return;
        }
        if (report.Corrupt)
        {
            MarkCorrupt(chunk, from);
            return;
        }
        if (report.Version < chunk.Version)
        {
            // Stale (§4.5): it missed a lease while its server was down or cut off. Never a location again.
            chunk.Locations.Remove(from);
            if (InSafeMode) return;
            Counters.StaleReplicasFound++;
            Note($"{from} holds {chunk.Handle} at stale v{report.Version} < v{chunk.Version}: deleting it");
            Send(from, new DeleteChunk(report.Handle, report.Version));
            return;
        }
        if (report.Version > chunk.Version)
        {
            if (chunk.Grant is { } grant && report.Version <= grant.Version) return; // its ack is on the way
            // §4.5: "the master assumes that it failed when granting the lease and so takes the higher version to be up-to-date".
            Note($"{from} reports {chunk.Handle} at v{report.Version} > v{chunk.Version}: adopting it");
            chunk.Version = report.Version;
            chunk.IssuedVersion = Math.Max(chunk.IssuedVersion, report.Version);
            chunk.Lease = null;
            chunk.Locations.Clear();
            chunk.Locations.Add(from);
            Persist();
            return;
        }
        if (chunk.Corrupt.Contains(from)) return;
        if (report.Length < CommittedBytes(chunk))
        {
            // Cannot happen if every committed write reached every replica of its version; refuse it loudly if it does.
            chunk.Locations.Remove(from);
            if (InSafeMode) return;
            Counters.StaleReplicasFound++;
            Note($"{from} holds {chunk.Handle}@v{report.Version} with {report.Length} B < {CommittedBytes(chunk)} committed: deleting it");
            Send(from, new DeleteChunk(report.Handle, report.Version));
            return;
        }
        if (IsAlive(from)) chunk.Locations.Add(from);
    }

    private void OnReportCorruption(NodeId from, ReportCorruption m)
    {
        if (_chunks.TryGetValue(m.Handle, out var chunk) && m.Version >= chunk.Version) MarkCorrupt(chunk, from);
    }

    /// <summary>
    /// GFS §5.2: a replica that failed a checksum stops counting at once; the master clones a good replica and
    /// only then tells the reporting server to delete its copy (<see cref="Replicate"/>).
    /// </summary>
    private void MarkCorrupt(ChunkInfo chunk, NodeId server)
    {
        chunk.Locations.Remove(server);
        if (!chunk.Corrupt.Add(server)) return;
        Counters.CorruptReplicasReported++;
        Note($"{server} reports {chunk.Handle} corrupt; {LiveReplicas(chunk)} good replicas left");
    }

    /// <summary>Failure detection: a server silent for <see cref="DfsOptions.DeadAfter"/> is dead and its replicas stop counting.</summary>
    private void DetectDeadServers()
    {
        foreach (var server in _servers.Values.Where(s => s.Alive && Now - s.LastSeen > _options.DeadAfter))
        {
            server.Alive = false;
            Counters.ServersDeclaredDead++;
            var lost = 0;
            foreach (var chunk in _chunks.Values)
            {
                if (chunk.Locations.Remove(server.Id)) lost++;
                foreach (var clone in chunk.Clones.Values.Where(c => c.Target == server.Id || c.Source == server.Id).ToArray())
                    EndClone(chunk, clone, failed: true);
            }
            Note($"{server.Id} declared dead (silent {(Now - server.LastSeen).TotalMilliseconds:F0} ms): {lost} replicas lost");
        }
    }

    private ServerState ServerOf(NodeId id)
    {
        if (!_servers.TryGetValue(id, out var s)) _servers[id] = s = new ServerState(id);
        return s;
    }
}

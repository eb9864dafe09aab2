using Course.Simulation;

namespace Course.Distributed.Storage;

public sealed partial class Master
{
    /// <summary>
    /// GFS §4.3: re-replicate every chunk below its replication goal, those that lost most replicas first, by
    /// asking a chosen server to clone it from a healthy replica (at most <see cref="DfsOptions.MaxClonesPerServer"/>
    /// clones per server at a time). Then delete the corrupt copies that now have good replacements (§5.2) and
    /// the excess replicas of chunks that got a server back.
    /// </summary>
    private void Replicate()
    {
        if (InSafeMode) return;
        foreach (var chunk in _chunks.Values.Where(c => c.Clones.Count > 0).ToArray())
            foreach (var clone in chunk.Clones.Values.Where(c => Now >= c.Deadline).ToArray())
                EndClone(chunk, clone, failed: true);

        var goal = _options.ReplicationFactor;
        var needy = _chunks.Values
            .Where(c => c.Version > 0 && Quiet(c) && LiveReplicas(c) is > 0 and var n && n + c.Clones.Count < goal)
            .OrderBy(LiveReplicas).ThenBy(c => c.Handle);
        foreach (var chunk in needy)
        {
            for (var missing = goal - LiveReplicas(chunk) - chunk.Clones.Count; missing > 0; missing--)
            {
                var holders = chunk.Locations.Where(IsAlive).ToArray();
                var placed = holders.Concat(chunk.Clones.Keys).ToArray();
                var eligible = _servers.Values.Where(s => s.Alive && !placed.Contains(s.Id)).ToArray();
                // A server holding a corrupt copy is a last resort: cloning onto it replaces the bad copy.
                var fresh = eligible.Where(s => !chunk.Corrupt.Contains(s.Id)).ToArray();
                var pool = (fresh.Length > 0 ? fresh : eligible).Select(s => s.Id).ToArray();
                if (Placement.CloneTarget(placed, pool, LoadOf, _topology, _context.Random) is not { } best) break;
                // The best place may be busy cloning: then wait for it rather than settle for a worse rack.
                var ready = pool.Where(s => _servers[s].ClonesIn < _options.MaxClonesPerServer).ToArray();
                if (Placement.CloneTarget(placed, ready, LoadOf, _topology, _context.Random) is not { } target
                    || Placement.SpreadsRacks(placed, target, _topology) != Placement.SpreadsRacks(placed, best, _topology)) break;
                var sources = holders.Where(h => _servers[h].ClonesOut < _options.MaxClonesPerServer).ToArray();
                if (sources.Length == 0) break;
                var source = _topology.Contains(target) ? _topology.ByDistance(target, sources, _context.Random)[0] : sources[0];
                StartClone(chunk, target, source);
            }
        }

        foreach (var chunk in _chunks.Values.Where(c => c.Corrupt.Count > 0 && LiveReplicas(c) >= goal))
        {
            foreach (var bad in chunk.Corrupt)
            {
                Counters.CorruptReplicasDeleted++;
                Note($"{chunk.Handle} is back to {LiveReplicas(chunk)} good replicas: deleting the corrupt copy on {bad}");
                Send(bad, new DeleteChunk(chunk.Handle, chunk.Version));
            }
            chunk.Corrupt.Clear();
        }

        foreach (var chunk in _chunks.Values.Where(c => Quiet(c) && c.Clones.Count == 0 && LiveReplicas(c) > goal))
        {
            var victim = Placement.ExcessVictim(chunk.Locations.Where(IsAlive).ToArray(), LoadOf, _topology);
            chunk.Locations.Remove(victim);
            Counters.ExcessReplicasDeleted++;
            Note($"{chunk.Handle} has more than {goal} replicas: deleting the one on {victim}");
            Send(victim, new DeleteChunk(chunk.Handle, chunk.Version));
        }
    }

    /// <summary>
    /// No lease in force and no grant under way: nothing can mutate the chunk (a secondary refuses mutations
    /// after the lease's expiry too), so a clone copies a replica that stays current.
    /// </summary>
    private bool Quiet(ChunkInfo chunk) => chunk.Grant is null && !(chunk.Lease?.IsValidAt(Now) ?? false);

    private void StartClone(ChunkInfo chunk, NodeId target, NodeId source)
    {
        var clone = new PendingClone(target, source, chunk.Version, Now + _options.CloneTimeout);
        chunk.Clones[target] = clone;
        _servers[target].ClonesIn++;
        _servers[source].ClonesOut++;
        _servers[target].RecentlyAssigned++;
        Counters.ClonesStarted++;
        Note($"re-replicating {chunk.Handle}@v{chunk.Version} ({LiveReplicas(chunk)} live): {source} → {target}");
        Send(target, new CloneChunk(chunk.Handle, chunk.Version, source));
    }

    private void EndClone(ChunkInfo chunk, PendingClone clone, bool failed)
    {
        if (!chunk.Clones.Remove(clone.Target)) return;
        if (_servers.TryGetValue(clone.Target, out var t)) t.ClonesIn--;
        if (_servers.TryGetValue(clone.Source, out var s)) s.ClonesOut--;
        if (failed) Counters.ClonesFailed++;
    }

    private void OnCloneDone(NodeId from, CloneDone m)
    {
        if (!_chunks.TryGetValue(m.Handle, out var chunk))
        {
            Send(from, new DeleteChunk(m.Handle, long.MaxValue)); // the file went away meanwhile
            return;
        }
        Confirm(from, m.Handle, m.BootId, m.Sequence);
        var ok = m.Status == ChunkStatus.Ok && m.Version == chunk.Version && m.Length >= CommittedBytes(chunk) && IsAlive(from);
        if (chunk.Clones.TryGetValue(from, out var clone)) EndClone(chunk, clone, failed: !ok);
        if (ok)
        {
            chunk.Locations.Add(from);
            chunk.Corrupt.Remove(from);
            Counters.ClonesCompleted++;
            Counters.CloneBytes += m.Length;
            Note($"{from} now holds {chunk.Handle}@v{m.Version}: {LiveReplicas(chunk)} live replicas");
        }
        else if (m.Status == ChunkStatus.Ok && m.Version < chunk.Version)
            Send(from, new DeleteChunk(m.Handle, m.Version)); // copied a version that a new lease has since replaced
    }
}

using Course.Simulation;

namespace Course.Distributed.Storage;

public sealed partial class DfsCluster
{
    /// <summary>
    /// Every chunk of every file: the master's version and, for each chunk server's disk, the copy it holds and
    /// its state. Works while the master is down too (from its checkpoint; nothing is then counted live).
    /// </summary>
    public IReadOnlyList<ChunkReport> Chunks()
    {
        var master = Master;
        var (names, chunks) = master is not null
            ? (master.Namespace, (IReadOnlyDictionary<ChunkHandle, ChunkInfo>)master.Chunks)
            : MasterCheckpoint.Decode(Simulation.StorageOf(MasterNode).Read(MasterCheckpoint.Key)) is { } saved
                ? (saved.Names, saved.Chunks)
                : (new DfsNamespace(), new Dictionary<ChunkHandle, ChunkInfo>());
        var disks = _servers.ToDictionary(s => s, StoreOf);
        var reports = new List<ChunkReport>();
        foreach (var file in names.Files)
            for (var index = 0; index < file.Chunks.Count; index++)
            {
                var chunk = chunks[file.Chunks[index]];
                var committed = Math.Clamp(file.Length - (long)index * Dfs.ChunkSize, 0, Dfs.ChunkSize);
                var copies = new List<ReplicaInfo>();
                foreach (var (server, store) in disks)
                {
                    if (store.Find(chunk.Handle) is not { } stored) continue;
                    var intact = new ChecksummedChunk(store, Dfs.ChecksumBlockSize).ReadAll(chunk.Handle, out _) == ChunkStatus.Ok;
                    var state = !Simulation.IsUp(server) ? ReplicaState.Down
                        : stored.Version < chunk.Version ? ReplicaState.Stale
                        : chunk.CorruptReplicas.Contains(server) || Server(server)!.IsCorrupt(chunk.Handle) ? ReplicaState.Corrupt
                        : master is not null && stored.Version == chunk.Version && chunk.Replicas.Contains(server) && master.IsAlive(server) ? ReplicaState.Live
                        : ReplicaState.Uncounted;
                    copies.Add(new ReplicaInfo(server, Topology.RackOf(server), stored.Version, stored.Length, state, intact));
                }
                reports.Add(new ChunkReport(file.Path, index, chunk.Handle, chunk.Version, committed, copies, Dfs.ReplicationFactor));
            }
        return reports;
    }

    /// <summary>Chunks holding committed bytes with fewer live replicas than the replication factor.</summary>
    public IReadOnlyList<ChunkReport> UnderReplicated() => Chunks().Where(c => c.CommittedBytes > 0 && c.UnderReplicated).ToArray();

    /// <summary>
    /// Every chunk with committed bytes has exactly the replication factor of live, intact replicas, and no
    /// reported-corrupt copy is left — what re-replication and replica deletion converge to.
    /// </summary>
    public bool AtReplicationFactor() =>
        Chunks().Where(c => c.CommittedBytes > 0).All(c =>
            c.LiveReplicas == c.ReplicationFactor && c.Copies.Where(r => r.State == ReplicaState.Live).All(r => r.Intact)
            && c.Copies.All(r => r.State != ReplicaState.Corrupt));

    /// <summary>
    /// Runs until <see cref="AtReplicationFactor"/> holds or <paramref name="budget"/> of virtual time is over.
    /// The full check reads every disk, so it runs only when the master itself sees no chunk below its goal,
    /// and at most every 10 ms of virtual time.
    /// </summary>
    public bool RunUntilReplicated(TimeSpan budget)
    {
        var next = TimeSpan.Zero;
        return Simulation.RunUntil(() =>
        {
            if (Master is not { ChunksBelowGoal: 0 } || Now < next) return false;
            next = Now + TimeSpan.FromMilliseconds(10);
            return AtReplicationFactor();
        }, budget);
    }

    /// <summary>Successful chunk reads of every live client, grouped by distance to the replica that served them.</summary>
    public IReadOnlyList<ReadLatencyRow> ReadLatencyByDistance() =>
        _clients.Where(Simulation.IsUp)
            .SelectMany(c => Simulation.Node<DfsClient>(c).ChunkReads)
            .Where(r => r.Status == ChunkStatus.Ok)
            .GroupBy(r => r.Distance)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var ms = g.Select(r => r.Latency.TotalMilliseconds).Order().ToArray();
                return new ReadLatencyRow(g.Key, ms.Length, g.Sum(r => (long)r.Bytes), ms.Average(), Percentile(ms, 0.5), Percentile(ms, 0.95), ms[^1]);
            })
            .ToArray();

    /// <summary>The chunk table as text: one line per chunk (for a failing test or a quick look in a notebook).</summary>
    public string Describe() =>
        $"t={Now.TotalMilliseconds:F0} ms, seed {Seed}; {Counters}\n" + string.Join("\n", Chunks().Select(c => c.ToString()));

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Floor(p * sorted.Length))];
}

using Course.Simulation;

namespace Course.Distributed.Storage;

/// <summary>
/// Where replicas go. New chunks follow HDFS's default policy (Shvachko et al. §3.1): the first replica on
/// the writer's host (or rack), the second on another rack, the third on the second's rack but another host —
/// one rack failure never loses a chunk, and only one copy crosses racks. Among equals, the least loaded server
/// wins (GFS §4.2: "below-average disk space utilization"). Ties are broken with the master's seeded randomness.
/// </summary>
internal static class Placement
{
    public static IReadOnlyList<NodeId> ForNewChunk(NodeId writer, IReadOnlyList<NodeId> alive, int count, Func<NodeId, int> load, DfsTopology topology, Random random)
    {
        var chosen = new List<NodeId>();
        var known = topology.Contains(writer);
        string Rack(NodeId n) => topology.RackOf(n);
        NodeId[] Free(Func<NodeId, bool> where) => alive.Where(n => !chosen.Contains(n) && where(n)).ToArray();
        void Pick(params Func<NodeId, bool>[] preferences)
        {
            foreach (var preferred in preferences.Append(_ => true))
                if (Least(Free(preferred), load, random) is { } best)
                {
                    chosen.Add(best);
                    return;
                }
        }

        if (count >= 1)
            Pick(n => known && topology.Distance(writer, n) == DfsTopology.SameHost,
                 n => known && topology.Distance(writer, n) == DfsTopology.SameRack);
        if (count >= 2 && chosen.Count == 1) Pick(n => Rack(n) != Rack(chosen[0]));
        if (count >= 3 && chosen.Count == 2) Pick(n => Rack(n) == Rack(chosen[1]));
        while (chosen.Count < count && chosen.Count < alive.Count) Pick();
        return chosen;
    }

    /// <summary>A clone target: on a new rack while all replicas share one (so a rack failure cannot take them all), else least loaded.</summary>
    public static NodeId? CloneTarget(IReadOnlyCollection<NodeId> holders, IReadOnlyList<NodeId> candidates, Func<NodeId, int> load, DfsTopology topology, Random random)
    {
        var racks = holders.Select(topology.RackOf).ToHashSet();
        var spread = racks.Count == 1 ? candidates.Where(c => !racks.Contains(topology.RackOf(c))).ToArray() : [];
        return Least(spread, load, random) ?? Least(candidates, load, random);
    }

    /// <summary>Whether adding <paramref name="candidate"/> gives a chunk whose replicas share one rack a second rack.</summary>
    public static bool SpreadsRacks(IReadOnlyCollection<NodeId> holders, NodeId candidate, DfsTopology topology)
    {
        var racks = holders.Select(topology.RackOf).ToHashSet();
        return racks.Count == 1 && !racks.Contains(topology.RackOf(candidate));
    }

    /// <summary>Which replica of an over-replicated chunk to drop: one sharing its rack with another replica, on the fullest server.</summary>
    public static NodeId ExcessVictim(IReadOnlyList<NodeId> holders, Func<NodeId, int> load, DfsTopology topology)
    {
        var perRack = holders.GroupBy(topology.RackOf).ToDictionary(g => g.Key, g => g.Count());
        return holders.OrderByDescending(h => perRack[topology.RackOf(h)] > 1).ThenByDescending(load).ThenByDescending(h => h.Value).First();
    }

    private static NodeId? Least(IReadOnlyList<NodeId> nodes, Func<NodeId, int> load, Random random)
    {
        if (nodes.Count == 0) return null;
        var min = nodes.Min(load);
        var best = nodes.Where(n => load(n) == min).Order().ToArray();
        return best[random.Next(best.Length)];
    }
}

using Course.Simulation;

namespace Course.Distributed.Paxos;

/// <summary>
/// Random faults for one seeded run: bad network weather, crashes and restarts, partitions that come and go.
/// Drawn from a <see cref="Random"/> derived from the seed, so a failing seed replays exactly.
/// </summary>
public sealed class RandomFaults<TMessage, TNode>(SimulatedCluster<TMessage, TNode> cluster, Random random)
    where TMessage : notnull
    where TNode : class, INode<TMessage>
{
    public static NetworkConditions Weather(Random random) => new()
    {
        Latency = Latency.Uniform(TimeSpan.Zero, TimeSpan.FromMilliseconds(5 + random.Next(40))),
        LossProbability = random.NextDouble() * 0.3,
        DuplicationProbability = random.NextDouble() * 0.2,
        LongDelayProbability = random.NextDouble() * 0.1,
        LongDelay = TimeSpan.FromMilliseconds(50 + random.Next(600)),
    };

    /// <summary>One random fault (or recovery) now.</summary>
    public void Strike(Func<NodeId>? victim = null)
    {
        var nodes = cluster.Nodes;
        switch (random.Next(7))
        {
            case 0 or 1:
                cluster.Crash(victim?.Invoke() ?? nodes[random.Next(nodes.Count)]);
                break;
            case 2 or 3:
                var down = nodes.Where(n => !cluster.IsUp(n)).ToArray();
                if (down.Length > 0) cluster.Restart(down[random.Next(down.Length)]);
                break;
            case 4:
                var shuffled = nodes.OrderBy(_ => random.Next()).ToArray();
                var cut = random.Next(1, nodes.Count);
                cluster.Partition(shuffled[..cut], shuffled[cut..]);
                break;
            case 5:
                cluster.Heal();
                break;
            case 6:
                cluster.Network = Weather(random);
                break;
        }
    }

    /// <summary>Faults stop: links restored, every node restarted, a calm network.</summary>
    public void Calm()
    {
        cluster.Heal();
        foreach (var n in cluster.Nodes) cluster.Restart(n);
        cluster.Network = NetworkConditions.Reliable;
    }
}

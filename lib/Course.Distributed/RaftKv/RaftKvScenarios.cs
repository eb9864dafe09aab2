namespace Course.Distributed.RaftKv;

[Flags]
public enum KvFaults { None = 0, Partitions = 1, Crashes = 2, Unreliable = 4, Snapshots = 8 }

/// <summary>
/// 6.5840 lab 4's "GenericTest": clients hammer the service for a while as faults come and go; afterwards the
/// history must be linearizable and every retried write applied exactly once.
/// </summary>
public static class RaftKvScenarios
{
    public static KvRunResult Run(int seed, KvFaults faults, int servers = 5, int clients = 5, double seconds = 8, KvReadMode readMode = KvReadMode.Log)
    {
        if (seconds <= 0) throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "seconds must be positive.");
        var c = new RaftKvCluster(servers, clients, seed,
            reliable: !faults.HasFlag(KvFaults.Unreliable),
            maxRaftState: faults.HasFlag(KvFaults.Snapshots) ? 1000 : -1,
            readMode: readMode);
        c.StartWorkload(keys: 3);
        var end = c.Simulation.Now + TimeSpan.FromSeconds(seconds);
        var down = new HashSet<int>();
        while (c.Simulation.Now < end)
        {
            c.Simulation.RunFor(TimeSpan.FromMilliseconds(300 + c.Random.Next(700)));
            if (faults.HasFlag(KvFaults.Partitions))
            {
                if (c.Random.Next(2) == 0) c.Simulation.Heal();
                else
                {
                    // A random split of the servers; either side may hold the majority.
                    var shuffled = c.Servers.OrderBy(_ => c.Random.Next()).ToArray();
                    var cut = 1 + c.Random.Next(servers - 1);
                    c.Simulation.Partition(shuffled[..cut], shuffled[cut..]);
                    // Clients reach both sides, so they can meet a stale leader in the minority (6.5840's partitioner).
                    foreach (var client in c.Clients)
                        foreach (var s in c.Servers) { c.Simulation.Unblock(client, s); c.Simulation.Unblock(s, client); }
                }
            }
            if (faults.HasFlag(KvFaults.Crashes))
            {
                var victim = c.Random.Next(servers);
                if (down.Contains(victim)) { c.Simulation.Restart(c.Servers[victim]); down.Remove(victim); }
                else if (down.Count < (servers - 1) / 2) { c.Simulation.Crash(c.Servers[victim]); down.Add(victim); }
            }
        }
        // Calm down: heal, restart, reliable; let clients finish what they started.
        c.StopWorkload();
        c.Simulation.Heal();
        c.Simulation.Network = Course.Simulation.NetworkConditions.Reliable;
        foreach (var victim in down) c.Simulation.Restart(c.Servers[victim]);
        c.WaitForClients(TimeSpan.FromSeconds(20));
        return c.Check();
    }
}

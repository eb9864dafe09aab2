namespace Course.Distributed.Raft;

public static partial class RaftScenarios
{
    public static void ReliableChurn(int seed, RaftOptions? options = null) => Churn(seed, unreliable: false, options);
    public static void UnreliableChurn(int seed, RaftOptions? options = null) => Churn(seed, unreliable: true, options);

    /// <summary>
    /// Clients keep submitting commands to random servers while servers are disconnected, crashed and
    /// restarted at random. Afterwards every command a client saw committed must be in the final log.
    /// (6.5840's internalChurn; the three client goroutines become scheduled client steps.)
    /// </summary>
    private static void Churn(int seed, bool unreliable, RaftOptions? options)
    {
        const int servers = 5;
        var c = new RaftCluster(servers, seed, reliable: !unreliable, options: options);
        var seenCommitted = new List<string>();
        var pending = new List<(long Index, string Command)>();
        var stop = false;
        var next = 0;

        void ClientStep()
        {
            if (stop) return;
            // Check earlier submissions: one that committed with our value is "seen committed".
            pending.RemoveAll(p =>
            {
                var (n, command) = c.NCommitted(p.Index);
                if (n > 0 && command == p.Command) seenCommitted.Add(p.Command);
                return n > 0;
            });
            var x = $"c{next++}";
            for (var i = 0; i < servers; i++)
            {
                var s = (i + c.Random.Next(servers)) % servers;
                if (!c.IsUp(s)) continue;
                var (index, _, ok) = c.Propose(s, x);
                if (ok) { pending.Add((index, x)); break; }
            }
            c.Simulation.Schedule(TimeSpan.FromMilliseconds(c.Random.Next(79) + 17), ClientStep);
        }
        for (var client = 0; client < 3; client++) c.Simulation.Schedule(TimeSpan.FromMilliseconds(client * 7), ClientStep);

        for (var iteration = 0; iteration < 20; iteration++)
        {
            if (c.Random.Next(1000) < 200) c.Disconnect(c.Random.Next(servers));
            if (c.Random.Next(1000) < 500)
            {
                var i = c.Random.Next(servers);
                if (!c.IsUp(i)) c.Restart(i);
                c.Connect(i);
            }
            if (c.Random.Next(1000) < 200)
            {
                var i = c.Random.Next(servers);
                if (c.IsUp(i)) c.Crash(i);
            }
            // Often shorter than an election timeout, so leaders change mid-flight.
            c.Sleep(ElectionTimeoutMs * 7 / 10);
        }
        c.Sleep(ElectionTimeoutMs);
        c.SetReliable(true);
        for (var i = 0; i < servers; i++)
        {
            if (!c.IsUp(i)) c.Restart(i);
            c.Connect(i);
        }
        stop = true;
        var lastIndex = c.One(Rand(c), servers, true);

        var committed = new HashSet<string>();
        for (var index = 1; index <= lastIndex; index++)
            if (c.Wait(index, servers, -1) is { } command) committed.Add(command);
        foreach (var x in seenCommitted)
            Check(committed.Contains(x), c, $"command {x} was seen committed but is not in the final log");
        Check(seenCommitted.Count > 0, c, "no client command ever committed");
    }
}

namespace Course.Distributed.Raft;

public static partial class RaftScenarios
{
    /// <summary>6.5840's start1: (crash if running, then) restart from what was persisted.</summary>
    private static void Reboot(RaftCluster c, int server)
    {
        if (c.IsUp(server)) c.Crash(server);
        c.Restart(server);
    }

    public static void Persist1(int seed, RaftOptions? options = null)
    {
        var c = new RaftCluster(3, seed, options: options);
        c.One("11", 3, true);
        // Crash and restart everyone.
        for (var i = 0; i < 3; i++) Reboot(c, i);
        for (var i = 0; i < 3; i++) { c.Disconnect(i); c.Connect(i); }
        c.One("12", 3, true);
        var leader1 = c.CheckOneLeader();
        c.Disconnect(leader1);
        Reboot(c, leader1);
        c.Connect(leader1);
        c.One("13", 3, true);
        var leader2 = c.CheckOneLeader();
        c.Disconnect(leader2);
        c.One("14", 2, true);
        Reboot(c, leader2);
        c.Connect(leader2);
        c.Wait(4, 3, -1); // wait for leader2 to join before killing i3
        var i3 = (c.CheckOneLeader() + 1) % 3;
        c.Disconnect(i3);
        c.One("15", 2, true);
        Reboot(c, i3);
        c.Connect(i3);
        c.One("16", 3, true);
    }

    public static void Persist2(int seed, RaftOptions? options = null)
    {
        var c = new RaftCluster(5, seed, options: options);
        var index = 1;
        for (var iteration = 0; iteration < 5; iteration++)
        {
            c.One((10 + index++).ToString(), 5, true);
            var leader1 = c.CheckOneLeader();
            c.Disconnect((leader1 + 1) % 5);
            c.Disconnect((leader1 + 2) % 5);
            c.One((10 + index++).ToString(), 3, true);
            c.Disconnect(leader1);
            c.Disconnect((leader1 + 3) % 5);
            c.Disconnect((leader1 + 4) % 5);
            Reboot(c, (leader1 + 1) % 5);
            Reboot(c, (leader1 + 2) % 5);
            c.Connect((leader1 + 1) % 5);
            c.Connect((leader1 + 2) % 5);
            c.Sleep(ElectionTimeoutMs);
            Reboot(c, (leader1 + 3) % 5);
            c.Connect((leader1 + 3) % 5);
            c.One((10 + index++).ToString(), 3, true);
            c.Connect((leader1 + 4) % 5);
            c.Connect(leader1);
        }
        c.One("1000", 5, true);
    }

    public static void Persist3(int seed, RaftOptions? options = null)
    {
        var c = new RaftCluster(3, seed, options: options);
        c.One("101", 3, true);
        var leader = c.CheckOneLeader();
        c.Disconnect((leader + 2) % 3);
        c.One("102", 2, true);
        c.Crash(leader);
        c.Crash((leader + 1) % 3);
        c.Connect((leader + 2) % 3);
        c.Restart(leader);
        c.Connect(leader);
        c.One("103", 2, true);
        c.Restart((leader + 1) % 3);
        c.Connect((leader + 1) % 3);
        c.One("104", 3, true);
    }

    /// <summary>
    /// Figure 8 of the paper, randomised: leaders crash right after accepting commands, so old-term entries
    /// sit on majorities. Committing them by counting replicas would lose committed entries.
    /// </summary>
    public static void Figure8(int seed, RaftOptions? options = null)
    {
        var c = new RaftCluster(5, seed, options: options);
        c.One(Rand(c), 1, true);
        var up = 5;
        for (var iteration = 0; iteration < 1000; iteration++)
        {
            var leader = -1;
            for (var i = 0; i < 5; i++)
                if (c.IsUp(i) && c.Propose(i, Rand(c)).IsLeader) leader = i;
            c.Sleep(c.Random.Next(1000) < 100 ? c.Random.Next(ElectionTimeoutMs / 2) : c.Random.Next(13));
            if (leader != -1) { c.Crash(leader); up--; }
            if (up < 3)
            {
                var s = c.Random.Next(5);
                if (!c.IsUp(s)) { c.Restart(s); c.Connect(s); up++; }
            }
        }
        for (var i = 0; i < 5; i++)
            if (!c.IsUp(i)) { c.Restart(i); c.Connect(i); }
        c.One(Rand(c), 5, true);
    }

    public static void UnreliableAgree(int seed, RaftOptions? options = null)
    {
        var c = new RaftCluster(5, seed, reliable: false, options: options);
        for (var iteration = 1; iteration < 50; iteration++)
        {
            // 6.5840 starts four concurrent one() calls here; in virtual time we hand them to whoever leads.
            for (var j = 0; j < 4; j++)
                for (var i = 0; i < 5; i++)
                    if (c.Propose(i, (100 * iteration + j).ToString()).IsLeader) break;
            c.One(iteration.ToString(), 1, true);
        }
        c.SetReliable(true);
        c.One("100", 5, true);
    }

    public static void Figure8Unreliable(int seed, RaftOptions? options = null)
    {
        var c = new RaftCluster(5, seed, reliable: false, options: options);
        c.One(Rand(c), 1, true);
        var up = 5;
        for (var iteration = 0; iteration < 1000; iteration++)
        {
            if (iteration == 200) c.SetLongReordering(true);
            var leader = -1;
            for (var i = 0; i < 5; i++)
                if (c.Propose(i, Rand(c)).IsLeader && c.IsConnected(i)) leader = i;
            c.Sleep(c.Random.Next(1000) < 100 ? c.Random.Next(ElectionTimeoutMs / 2) : c.Random.Next(13));
            if (leader != -1 && c.Random.Next(1000) < ElectionTimeoutMs / 2) { c.Disconnect(leader); up--; }
            if (up < 3)
            {
                var s = c.Random.Next(5);
                if (!c.IsConnected(s)) { c.Connect(s); up++; }
            }
        }
        for (var i = 0; i < 5; i++) c.Connect(i);
        c.SetLongReordering(false);
        c.One(Rand(c), 5, true);
    }
}

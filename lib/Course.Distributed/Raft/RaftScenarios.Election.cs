namespace Course.Distributed.Raft;

public static partial class RaftScenarios
{
    public static void InitialElection(int seed, RaftOptions? options = null)
    {
        var c = new RaftCluster(3, seed, options: options);
        c.CheckOneLeader();
        c.Sleep(50);
        var term1 = c.CheckTerms();
        Check(term1 >= 1, c, $"term is {term1}, but election should change term");
        // Without failures the leader and term must stay put.
        c.Sleep(2 * ElectionTimeoutMs);
        var term2 = c.CheckTerms();
        Check(term1 == term2, c, $"term changed from {term1} to {term2} with no failures");
        c.CheckOneLeader();
        c.ThrowIfFailed();
    }

    public static void ReElection(int seed, RaftOptions? options = null)
    {
        var c = new RaftCluster(3, seed, options: options);
        var leader1 = c.CheckOneLeader();
        // If the leader disconnects, a new one should be elected.
        c.Disconnect(leader1);
        c.CheckOneLeader();
        // The old leader rejoining must not disturb the new one.
        c.Connect(leader1);
        var leader2 = c.CheckOneLeader();
        // Without a quorum, no new leader should be elected.
        c.Disconnect(leader2);
        c.Disconnect((leader2 + 1) % 3);
        c.Sleep(2 * ElectionTimeoutMs);
        c.CheckNoLeader();
        // With a quorum again, a leader.
        c.Connect((leader2 + 1) % 3);
        c.CheckOneLeader();
        c.Connect(leader2);
        c.CheckOneLeader();
        c.ThrowIfFailed();
    }

    public static void ManyElections(int seed, RaftOptions? options = null)
    {
        const int servers = 7;
        var c = new RaftCluster(servers, seed, options: options);
        c.CheckOneLeader();
        for (var iteration = 0; iteration < 10; iteration++)
        {
            // Disconnect three nodes: either the leader or enough followers lose, and a leader must remain.
            var victims = new[] { c.Random.Next(servers), c.Random.Next(servers), c.Random.Next(servers) };
            foreach (var v in victims) c.Disconnect(v);
            c.CheckOneLeader();
            foreach (var v in victims) c.Connect(v);
        }
        c.CheckOneLeader();
        c.ThrowIfFailed();
    }
}

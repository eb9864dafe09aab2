namespace Course.Distributed.Raft;

public static partial class RaftScenarios
{
    public static void BasicAgree(int seed, RaftOptions? options = null)
    {
        var c = new RaftCluster(3, seed, options: options);
        for (var index = 1; index <= 3; index++)
        {
            var (count, _) = c.NCommitted(index);
            Check(count == 0, c, "some have committed before Start()");
            var xindex = c.One((index * 100).ToString(), 3, retry: false);
            Check(xindex == index, c, $"got index {xindex} but expected {index}");
        }
    }

    /// <summary>Each command should be sent to each peer just once: bytes ≈ servers × command bytes.</summary>
    public static void RpcBytes(int seed, RaftOptions? options = null)
    {
        var c = new RaftCluster(3, seed, options: options);
        c.One("99", 3, retry: false);
        var bytes0 = c.BytesTotal;
        long sent = 0;
        for (var index = 2; index <= 10; index++)
        {
            var command = new string((char)('a' + index), 5000);
            var xindex = c.One(command, 3, retry: false);
            Check(xindex == index, c, $"got index {xindex} but expected {index}");
            sent += command.Length;
        }
        var got = c.BytesTotal - bytes0;
        var expected = 3L * sent;
        Check(got <= expected + 50_000, c, $"too many RPC bytes; got {got}, expected {expected}");
    }

    public static void FollowerFailure(int seed, RaftOptions? options = null)
    {
        var c = new RaftCluster(3, seed, options: options);
        c.One("101", 3, false);
        var leader1 = c.CheckOneLeader();
        c.Disconnect((leader1 + 1) % 3);
        // The leader and the remaining follower should still agree.
        c.One("102", 2, false);
        c.Sleep(ElectionTimeoutMs);
        c.One("103", 2, false);
        // Disconnect both followers: nothing can commit.
        var leader2 = c.CheckOneLeader();
        c.Disconnect((leader2 + 1) % 3);
        c.Disconnect((leader2 + 2) % 3);
        var (index, _, ok) = c.Propose(leader2, "104");
        Check(ok, c, "leader rejected Start()");
        Check(index == 4, c, $"expected index 4, got {index}");
        c.Sleep(2 * ElectionTimeoutMs);
        var (n, _) = c.NCommitted(index);
        Check(n == 0, c, $"{n} committed but no majority");
    }

    public static void LeaderFailure(int seed, RaftOptions? options = null)
    {
        var c = new RaftCluster(3, seed, options: options);
        c.One("101", 3, false);
        var leader1 = c.CheckOneLeader();
        c.Disconnect(leader1);
        // The remaining followers should elect a new leader.
        c.One("102", 2, false);
        c.Sleep(ElectionTimeoutMs);
        c.One("103", 2, false);
        var leader2 = c.CheckOneLeader();
        c.Disconnect(leader2);
        // Submit a command to each server: none may commit without a majority.
        for (var i = 0; i < 3; i++) c.Propose(i, "104");
        c.Sleep(2 * ElectionTimeoutMs);
        var (n, _) = c.NCommitted(4);
        Check(n == 0, c, $"{n} committed but no majority");
    }

    public static void FailAgree(int seed, RaftOptions? options = null)
    {
        var c = new RaftCluster(3, seed, options: options);
        c.One("101", 3, false);
        var leader = c.CheckOneLeader();
        c.Disconnect((leader + 1) % 3);
        c.One("102", 2, false);
        c.One("103", 2, false);
        c.Sleep(ElectionTimeoutMs);
        c.One("104", 2, false);
        c.One("105", 2, false);
        // The follower comes back and must catch up.
        c.Connect((leader + 1) % 3);
        c.One("106", 3, true);
        c.Sleep(ElectionTimeoutMs);
        c.One("107", 3, true);
    }

    public static void FailNoAgree(int seed, RaftOptions? options = null)
    {
        var c = new RaftCluster(5, seed, options: options);
        c.One("10", 5, false);
        var leader = c.CheckOneLeader();
        for (var k = 1; k <= 3; k++) c.Disconnect((leader + k) % 5);
        var (index, _, ok) = c.Propose(leader, "20");
        Check(ok, c, "leader rejected Start()");
        Check(index == 2, c, $"expected index 2, got {index}");
        c.Sleep(2 * ElectionTimeoutMs);
        var (n, _) = c.NCommitted(index);
        Check(n == 0, c, $"{n} committed but no majority");
        for (var k = 1; k <= 3; k++) c.Connect((leader + k) % 5);
        // The disconnected majority may have chosen its own leader and lost the uncommitted entry.
        var leader2 = c.CheckOneLeader();
        var (index2, _, ok2) = c.Propose(leader2, "30");
        Check(ok2, c, "leader2 rejected Start()");
        Check(index2 is >= 2 and <= 3, c, $"unexpected index {index2}");
        c.One("1000", 5, true);
    }

    public static void ConcurrentStarts(int seed, RaftOptions? options = null)
    {
        var c = new RaftCluster(3, seed, options: options);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (attempt > 0) c.Sleep(3000); // give the cluster time to settle
            var leader = c.CheckOneLeader();
            var (_, term, ok) = c.Propose(leader, "1");
            if (!ok) continue;
            // Five commands at the same instant.
            var indices = new List<long>();
            for (var i = 0; i < 5; i++)
            {
                var (index, term1, ok1) = c.Propose(leader, (100 + i).ToString());
                if (term1 == term && ok1) indices.Add(index);
            }
            var termChanged = Enumerable.Range(0, 3).Any(j => c.Node(j).CurrentTerm != term);
            if (termChanged) continue;
            var committed = new List<string>();
            var failed = false;
            foreach (var index in indices)
            {
                var command = c.Wait(index, 3, term);
                if (command is null) { failed = true; break; } // the term moved on
                committed.Add(command);
            }
            if (failed) continue;
            for (var i = 0; i < 5; i++)
                Check(committed.Contains((100 + i).ToString()), c, $"command {100 + i} missing in [{string.Join(", ", committed)}]");
            return;
        }
        c.Throw("term changed too often");
    }

    /// <summary>A partitioned leader that accepted commands must give way when it rejoins.</summary>
    public static void Rejoin(int seed, RaftOptions? options = null)
    {
        var c = new RaftCluster(3, seed, options: options);
        c.One("101", 3, true);
        var leader1 = c.CheckOneLeader();
        c.Disconnect(leader1);
        // The old leader, unaware, accepts some commands.
        c.Propose(leader1, "102");
        c.Propose(leader1, "103");
        c.Propose(leader1, "104");
        // The new leader commits index 2.
        c.One("103", 2, true);
        var leader2 = c.CheckOneLeader();
        c.Disconnect(leader2);
        // The old leader comes back: it must lose its uncommitted entries.
        c.Connect(leader1);
        c.One("104", 2, true);
        c.Connect(leader2);
        c.One("105", 3, true);
    }

    /// <summary>A leader must back up quickly over incorrect follower logs (fast backtracking).</summary>
    public static void Backup(int seed, RaftOptions? options = null)
    {
        var c = new RaftCluster(5, seed, options: options);
        c.One(Rand(c), 5, true);
        // The leader and one follower end up in a partition.
        var leader1 = c.CheckOneLeader();
        for (var k = 2; k <= 4; k++) c.Disconnect((leader1 + k) % 5);
        // Lots of commands that won't commit.
        for (var i = 0; i < 50; i++) c.Propose(leader1, Rand(c));
        c.Sleep(ElectionTimeoutMs / 2);
        c.Disconnect(leader1);
        c.Disconnect((leader1 + 1) % 5);
        // The other partition elects a leader and commits lots of commands.
        for (var k = 2; k <= 4; k++) c.Connect((leader1 + k) % 5);
        for (var i = 0; i < 50; i++) c.One(Rand(c), 3, true);
        // Now another partitioned leader and one follower.
        var leader2 = c.CheckOneLeader();
        var other = (leader1 + 2) % 5;
        if (leader2 == other) other = (leader2 + 1) % 5;
        c.Disconnect(other);
        // Lots more commands that won't commit.
        for (var i = 0; i < 50; i++) c.Propose(leader2, Rand(c));
        c.Sleep(ElectionTimeoutMs / 2);
        // Bring the original leader back to life.
        for (var i = 0; i < 5; i++) c.Disconnect(i);
        c.Connect(leader1);
        c.Connect((leader1 + 1) % 5);
        c.Connect(other);
        for (var i = 0; i < 50; i++) c.One(Rand(c), 3, true);
        // Everyone together now.
        for (var i = 0; i < 5; i++) c.Connect(i);
        c.One(Rand(c), 5, true);
    }

    /// <summary>RPC counts must stay reasonable: an election, ten agreements, one idle second.</summary>
    public static void Count(int seed, RaftOptions? options = null)
    {
        var c = new RaftCluster(3, seed, options: options);
        c.CheckOneLeader();
        var total1 = c.RpcTotal;
        Check(total1 is >= 1 and <= 30, c, $"too many or few RPCs ({total1}) to elect initial leader");

        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (attempt > 0) c.Sleep(3000);
            var leader = c.CheckOneLeader();
            total1 = c.RpcTotal;
            const int iters = 10;
            var (starti, term, ok) = c.Propose(leader, "1");
            if (!ok) continue;
            var commands = new List<string>();
            var restart = false;
            for (var i = 1; i < iters + 2; i++)
            {
                var x = Rand(c);
                commands.Add(x);
                var (index1, term1, ok1) = c.Propose(leader, x);
                if (term1 != term || !ok1) { restart = true; break; }
                Check(starti + i == index1, c, "Start() failed");
            }
            if (restart) continue;
            for (var i = 1; i < iters + 1; i++)
            {
                var command = c.Wait(starti + i, 3, term);
                if (command is null) { restart = true; break; }
                Check(command == commands[i - 1], c, $"wrong value {command} committed for index {starti + i}; expected {commands[i - 1]}");
            }
            if (restart) continue;
            if (Enumerable.Range(0, 3).Any(j => c.Node(j).CurrentTerm != term)) continue;
            var total2 = c.RpcTotal;
            Check(total2 - total1 <= (iters + 1 + 3) * 3, c, $"too many RPCs ({total2 - total1}) for {iters} entries");

            c.Sleep(ElectionTimeoutMs);
            var total3 = c.RpcTotal;
            Check(total3 - total2 <= 3 * 20, c, $"too many RPCs ({total3 - total2}) for 1 second of idleness");
            return;
        }
        c.Throw("term changed too often");
    }
}

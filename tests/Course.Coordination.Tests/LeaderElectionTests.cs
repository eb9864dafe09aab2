using System.Diagnostics;

namespace Course.Coordination.Tests;

[Collection(ZooKeeperCollection.Name)]
public sealed class LeaderElectionTests(ZooKeeperFixture zk)
{
    [SkippableFact]
    public async Task Five_candidates_elect_exactly_one_leader_and_each_follower_watches_only_its_predecessor()
    {
        await using var scope = new ZooKeeperScope(zk);
        var clients = await scope.ConnectManyAsync(5);
        var path = scope.Root + "/election";
        var candidates = new List<LeaderElection>();
        foreach (var (client, i) in clients.Select((c, i) => (c, i)))
            candidates.Add(await LeaderElection.JoinAsync(client, path, $"candidate-{i}"));

        await candidates[0].WaitForLeadershipAsync(TimeSpan.FromSeconds(5));
        await Eventually.TrueAsync(() => candidates.Skip(1).All(c => c.Watching is not null), "every follower watches a node");
        Assert.Single(candidates, c => c.IsLeader);
        Assert.True(candidates[0].IsLeader); // the lowest sequence number: it joined first
        for (var i = 1; i < candidates.Count; i++)
            Assert.Equal(candidates[i - 1].NodePath, candidates[i].Watching); // the predecessor, not the leader: no herd
        Assert.Equal("candidate-0", await LeaderElection.CurrentLeaderAsync(clients[4], path));

        foreach (var c in candidates) await c.DisposeAsync();
    }

    [SkippableFact]
    public async Task When_the_leaders_session_is_closed_the_next_candidate_and_only_it_takes_over_at_once()
    {
        await using var scope = new ZooKeeperScope(zk);
        var clients = await scope.ConnectManyAsync(5);
        var path = scope.Root + "/election";
        var candidates = new List<LeaderElection>();
        foreach (var client in clients) candidates.Add(await LeaderElection.JoinAsync(client, path));
        await candidates[0].WaitForLeadershipAsync(TimeSpan.FromSeconds(5));
        var changes = new List<(int Candidate, bool Leading)>();
        foreach (var (c, i) in candidates.Select((c, i) => (c, i)))
            c.LeadershipChanged += (_, leading) => { lock (changes) changes.Add((i, leading)); };

        var clock = Stopwatch.StartNew();
        await clients[0].CloseAsync(); // closeSession: the server deletes the ephemeral node now
        await candidates[1].WaitForLeadershipAsync(TimeSpan.FromSeconds(3));
        var takeover = clock.Elapsed;

        Assert.True(takeover < ZooKeeperFixture.ShortSession, $"took {takeover.TotalSeconds:0.00} s: closing must not wait for the session timeout");
        await Eventually.TrueAsync(() => !candidates[0].IsLeader, "the closed candidate no longer claims leadership");
        await Task.Delay(300); // time for any wrong wake-up to show
        Assert.Equal([false, true, false, false, false], candidates.Select(c => c.IsLeader));
        lock (changes) Assert.DoesNotContain(changes, c => c.Candidate >= 2); // candidates 2..4 never changed state
        foreach (var c in candidates) await c.DisposeAsync();
    }

    [SkippableFact]
    public async Task When_the_leader_crashes_its_node_lives_until_the_session_expires_then_the_next_candidate_takes_over()
    {
        await using var scope = new ZooKeeperScope(zk);
        var clients = await scope.ConnectManyAsync(3);
        var path = scope.Root + "/election";
        var candidates = new List<LeaderElection>();
        foreach (var client in clients) candidates.Add(await LeaderElection.JoinAsync(client, path));
        await candidates[0].WaitForLeadershipAsync(TimeSpan.FromSeconds(5));

        var clock = Stopwatch.StartNew();
        clients[0].Abort(); // a crash: TCP gone, session still alive in the server
        await Eventually.TrueAsync(() => !candidates[0].IsLeader, "the crashed side stops claiming leadership (it cannot know)", 2);
        await Task.Delay(1000);
        Assert.False(candidates[1].IsLeader, "the session has not expired yet, so its node still stands");
        Assert.NotNull(await clients[1].ExistsAsync(candidates[0].NodePath));

        await candidates[1].WaitForLeadershipAsync(ZooKeeperFixture.ShortSession * 3);
        var takeover = clock.Elapsed;
        Assert.True(takeover >= ZooKeeperFixture.ShortSession * 0.5, $"took over after only {takeover.TotalSeconds:0.00} s");
        Assert.False(candidates[2].IsLeader);
        Assert.Null(await clients[1].ExistsAsync(candidates[0].NodePath));
        foreach (var c in candidates) await c.DisposeAsync();
    }

    [SkippableFact]
    public async Task Resigning_hands_leadership_to_the_successor_and_the_stream_reports_both_changes()
    {
        await using var scope = new ZooKeeperScope(zk);
        var clients = await scope.ConnectManyAsync(2);
        var path = scope.Root + "/deep/election"; // parents are created
        var first = await LeaderElection.JoinAsync(clients[0], path, "first");
        var second = await LeaderElection.JoinAsync(clients[1], path, "second");
        await first.WaitForLeadershipAsync(TimeSpan.FromSeconds(5));

        await first.ResignAsync();
        await second.WaitForLeadershipAsync(TimeSpan.FromSeconds(3));

        var seen = new List<bool>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await foreach (var leading in first.LeadershipChangesAsync(timeout.Token)) seen.Add(leading); // ends: resigned
        Assert.Equal([true, false], seen);
        Assert.True(clients[0].IsConnected); // resigning keeps the client
        Assert.Null(await clients[0].ExistsAsync(first.NodePath));
        Assert.Equal("second", await LeaderElection.CurrentLeaderAsync(clients[0], path));
        await second.DisposeAsync();
    }

    [SkippableFact]
    public async Task Paths_that_are_not_absolute_are_rejected_naming_the_parameter()
    {
        await using var scope = new ZooKeeperScope(zk);
        var client = await scope.ConnectAsync();
        var e1 = await Assert.ThrowsAsync<ArgumentException>(() => LeaderElection.JoinAsync(client, "election"));
        Assert.Equal("electionPath", e1.ParamName);
        var e2 = await Assert.ThrowsAsync<ArgumentException>(() => LeaderElection.CurrentLeaderAsync(client, ""));
        Assert.Equal("electionPath", e2.ParamName);
        var e3 = Assert.Throws<ArgumentException>(() => new DistributedLock(client, "locks/a"));
        Assert.Equal("lockPath", e3.ParamName);
        Assert.Equal("lockPath", Assert.Throws<ArgumentException>(() => new DistributedLock(client, "/locks/")).ParamName);
    }
}

using System.Diagnostics;
using Course.Infrastructure.ZooKeeper;

namespace Course.Infrastructure.Tests.ZooKeeper;

[Collection(ZooKeeperCollection.Name)]
public sealed class ZooKeeperSessionTests(ZooKeeperFixture fixture)
{
    [SkippableFact]
    public async Task Connect_opens_a_new_session_per_client()
    {
        await using var a = await fixture.ConnectAsync(TimeSpan.FromSeconds(10));
        await using var b = await fixture.ConnectAsync(TimeSpan.FromSeconds(10));

        Assert.True(a.IsConnected);
        Assert.NotEqual(0, a.SessionId);
        Assert.NotEqual(a.SessionId, b.SessionId);
        Assert.Equal(16, a.SessionPassword.Length);
        Assert.Contains(a.SessionPassword, x => x != 0);
        Assert.Equal(fixture.Endpoint.Address, a.Address);
        // The server clamps the timeout to [2, 20] ticks; 10 s fits the usual tickTime of 2 s.
        Assert.InRange(a.SessionTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(40));
    }

    [SkippableFact]
    public async Task Pings_keep_an_idle_session_alive_past_its_timeout()
    {
        await using var t = await fixture.StartAsync();
        await using var zk = await fixture.ConnectAsync(TimeSpan.FromSeconds(4));
        var path = await zk.CreateAsync(t.Root + "/heartbeat", null, CreateMode.Ephemeral);

        await Task.Delay(zk.SessionTimeout + TimeSpan.FromSeconds(2)); // idle: only pings go out

        Assert.True(zk.IsConnected);
        Assert.Equal(zk.SessionId, (await zk.ExistsAsync(path))!.EphemeralOwner);
        Assert.Equal(zk.SessionId, (await t.Client.ExistsAsync(path))!.EphemeralOwner); // seen by another session too
    }

    [SkippableFact]
    public async Task An_abandoned_session_keeps_its_ephemerals_until_it_expires()
    {
        await using var t = await fixture.StartAsync();
        var crashed = await fixture.ConnectAsync(TimeSpan.FromSeconds(4));
        var path = await crashed.CreateAsync(t.Root + "/lock", null, CreateMode.Ephemeral);
        var (id, password) = (crashed.SessionId, crashed.SessionPassword);

        crashed.Abort(); // no closeSession, no more pings: like a killed process
        Assert.False(crashed.IsConnected);
        var lost = await Assert.ThrowsAsync<ZooKeeperException>(() => crashed.GetDataAsync(path));
        Assert.Equal(ZooKeeperErrorCode.ConnectionLoss, lost.Code);
        Assert.Equal(path, lost.Path);
        Assert.Equal(new WatchedEvent(EventType.None, KeeperState.Disconnected, null), await crashed.NextAsync("Disconnected"));

        // Within the timeout the session is alive: its node is still there and the session can be re-attached.
        Assert.Equal(id, (await t.Client.ExistsAsync(path, watch: true))!.EphemeralOwner);
        var resumed = await ZooKeeperClient.ConnectAsync(fixture.Endpoint.Address, TimeSpan.FromSeconds(4), sessionId: id, sessionPassword: password);
        Assert.Equal(id, resumed.SessionId);
        Assert.Equal(id, (await resumed.ExistsAsync(path))!.EphemeralOwner);
        resumed.Abort();

        // Then nobody pings it: the server expires it and deletes the node.
        var clock = Stopwatch.StartNew();
        Assert.Equal(new WatchedEvent(EventType.NodeDeleted, KeeperState.SyncConnected, path), await t.Client.NextAsync("expiry of the abandoned session", seconds: 15));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(12));

        var expired = await Assert.ThrowsAsync<ZooKeeperException>(() =>
            ZooKeeperClient.ConnectAsync(fixture.Endpoint.Address, TimeSpan.FromSeconds(4), sessionId: id, sessionPassword: password));
        Assert.Equal(ZooKeeperErrorCode.SessionExpired, expired.Code);
        Assert.Contains($"0x{id:x}", expired.Message);
    }

    [SkippableFact]
    public async Task A_closed_client_refuses_further_calls()
    {
        var zk = await fixture.ConnectAsync();
        await zk.CloseAsync();
        await zk.CloseAsync(); // idempotent

        Assert.False(zk.IsConnected);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => zk.ExistsAsync("/"));
        Assert.False(await zk.Events.WaitToReadAsync()); // the event stream has ended
    }
}

using System.Collections.Concurrent;
using System.Text;
using Course.Infrastructure.ZooKeeper;

namespace Course.Infrastructure.Tests.ZooKeeper;

[Collection(ZooKeeperCollection.Name)]
public sealed class ZooKeeperWatchTests(ZooKeeperFixture fixture)
{
    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [SkippableFact]
    public async Task Data_watch_fires_once_per_registration()
    {
        await using var t = await fixture.StartAsync();
        var zk = t.Client;
        var path = await zk.CreateAsync(t.Root + "/config", Bytes("v1"));

        await zk.GetDataAsync(path, watch: true);
        await zk.SetDataAsync(path, Bytes("v2"));
        await zk.SetDataAsync(path, Bytes("v3")); // the watch is used up: no second event

        Assert.Equal(new WatchedEvent(EventType.NodeDataChanged, KeeperState.SyncConnected, path), await zk.NextAsync("NodeDataChanged"));
        await zk.AssertNoMoreEventsAsync();

        // Registering again arms it again.
        await zk.GetDataAsync(path, watch: true);
        await zk.SetDataAsync(path, Bytes("v4"));
        Assert.Equal(new WatchedEvent(EventType.NodeDataChanged, KeeperState.SyncConnected, path), await zk.NextAsync("second NodeDataChanged"));
        await zk.AssertNoMoreEventsAsync();
    }

    [SkippableFact]
    public async Task Reads_without_watch_produce_no_events()
    {
        await using var t = await fixture.StartAsync();
        var path = await t.Client.CreateAsync(t.Root + "/quiet", null);
        await t.Client.GetDataAsync(path);
        await t.Client.ExistsAsync(path);
        await t.Client.GetChildrenAsync(t.Root);

        await t.Client.SetDataAsync(path, Bytes("changed"));
        await t.Client.CreateAsync(t.Root + "/other", null);
        await t.Client.DeleteAsync(path);

        await t.Client.AssertNoMoreEventsAsync();
    }

    [SkippableFact]
    public async Task Exists_watch_on_a_missing_node_fires_NodeCreated_when_another_client_creates_it()
    {
        await using var t = await fixture.StartAsync();
        await using var other = await fixture.ConnectAsync();
        var path = t.Root + "/leader";

        Assert.Null(await t.Client.ExistsAsync(path, watch: true));
        await other.CreateAsync(path, null, CreateMode.Ephemeral);

        Assert.Equal(new WatchedEvent(EventType.NodeCreated, KeeperState.SyncConnected, path), await t.Client.NextAsync("NodeCreated"));
        await t.Client.AssertNoMoreEventsAsync();
    }

    [SkippableFact]
    public async Task Child_watch_fires_NodeChildrenChanged_on_the_parent()
    {
        await using var t = await fixture.StartAsync();
        var zk = t.Client;

        Assert.Empty(await zk.GetChildrenAsync(t.Root, watch: true));
        await zk.CreateAsync(t.Root + "/a", Bytes("data"));
        await zk.SetDataAsync(t.Root + "/a", Bytes("changing a child's data is not a child change"));

        Assert.Equal(new WatchedEvent(EventType.NodeChildrenChanged, KeeperState.SyncConnected, t.Root), await zk.NextAsync("NodeChildrenChanged"));
        await zk.AssertNoMoreEventsAsync();

        Assert.Equal(["a"], await zk.GetChildrenAsync(t.Root, watch: true));
        await zk.DeleteAsync(t.Root + "/a");
        Assert.Equal(new WatchedEvent(EventType.NodeChildrenChanged, KeeperState.SyncConnected, t.Root), await zk.NextAsync("NodeChildrenChanged on delete"));
        await zk.AssertNoMoreEventsAsync();
    }

    [SkippableFact]
    public async Task Deleting_a_watched_node_fires_NodeDeleted_to_its_data_and_child_watches_once()
    {
        await using var t = await fixture.StartAsync();
        var zk = t.Client;
        var path = await zk.CreateAsync(t.Root + "/doomed", null);

        Assert.NotNull(await zk.ExistsAsync(path, watch: true));
        await zk.GetDataAsync(path, watch: true);
        await zk.GetChildrenAsync(path, watch: true);
        await zk.DeleteAsync(path);

        // The server keeps one watch per path and kind for a session, and sends one notification per trigger.
        Assert.Equal(new WatchedEvent(EventType.NodeDeleted, KeeperState.SyncConnected, path), await zk.NextAsync("NodeDeleted"));
        await zk.AssertNoMoreEventsAsync();
    }

    [SkippableFact]
    public async Task Callback_watcher_gets_the_same_events_in_order()
    {
        var seen = new ConcurrentQueue<WatchedEvent>();
        await using var t = await fixture.StartAsync(watcher: seen.Enqueue);
        var zk = t.Client;
        var a = await zk.CreateAsync(t.Root + "/a", null);

        await zk.GetDataAsync(a, watch: true);
        await zk.GetChildrenAsync(t.Root, watch: true);
        await zk.SetDataAsync(a, Bytes("1"));
        await zk.CreateAsync(t.Root + "/b", null);

        WatchedEvent[] expected =
        [
            new(EventType.NodeDataChanged, KeeperState.SyncConnected, a),
            new(EventType.NodeChildrenChanged, KeeperState.SyncConnected, t.Root),
        ];
        WatchedEvent[] received = [await zk.NextAsync("first event"), await zk.NextAsync("second event")];
        Assert.Equal(expected, received);
        Assert.Equal(expected, seen.ToArray()); // the callback ran before the event reached the stream
    }

    [SkippableFact]
    public async Task Ephemeral_node_vanishes_when_its_session_closes_and_a_watcher_sees_it_go()
    {
        await using var t = await fixture.StartAsync();
        var owner = await fixture.ConnectAsync();
        var path = await owner.CreateAsync(t.Root + "/member", Bytes("worker-1"), CreateMode.Ephemeral);

        var stat = await t.Client.ExistsAsync(path, watch: true);
        Assert.Equal(owner.SessionId, stat!.EphemeralOwner);

        await owner.CloseAsync();

        Assert.False(owner.IsConnected);
        Assert.Equal(new WatchedEvent(EventType.NodeDeleted, KeeperState.SyncConnected, path), await t.Client.NextAsync("NodeDeleted of the ephemeral"));
        Assert.Null(await t.Client.ExistsAsync(path));
        Assert.Empty(await t.Client.GetChildrenAsync(t.Root));
    }

    [SkippableFact]
    public async Task A_watcher_may_close_its_own_client()
    {
        await using var t = await fixture.StartAsync();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ZooKeeperClient? zk = null;
        zk = await fixture.ConnectAsync(watcher: e =>
        {
            if (e.Type != EventType.NodeDataChanged) return;
            zk!.CloseAsync().GetAwaiter().GetResult(); // blocking on purpose: must not deadlock the event loop
            closed.SetResult();
        });

        await zk.GetDataAsync(t.Root, watch: true);
        await t.Client.SetDataAsync(t.Root, Bytes("trigger"));

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(zk.IsConnected);
    }
}

using System.Text;
using Course.Infrastructure.ZooKeeper;

namespace Course.Infrastructure.Tests.ZooKeeper;

[Collection(ZooKeeperCollection.Name)]
public sealed class ZooKeeperOperationTests(ZooKeeperFixture fixture)
{
    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    [SkippableFact]
    public async Task Create_get_set_exists_delete_round_trip()
    {
        await using var t = await fixture.StartAsync();
        var zk = t.Client;
        var path = t.Root + "/config";

        Assert.Equal(path, await zk.CreateAsync(path, Bytes("v1")));

        var (data, stat) = await zk.GetDataAsync(path);
        Assert.Equal("v1", Text(data));
        Assert.Equal(0, stat.Version);
        Assert.Equal(2, stat.DataLength);
        Assert.Equal(0, stat.NumChildren);
        Assert.False(stat.IsEphemeral);
        Assert.Equal(stat.Czxid, stat.Mzxid);
        Assert.InRange(stat.Created, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));

        var updated = await zk.SetDataAsync(path, Bytes("version two"), version: 0);
        Assert.Equal(1, updated.Version);
        Assert.Equal(11, updated.DataLength);
        Assert.True(updated.Mzxid > stat.Mzxid);
        Assert.Equal(stat.Czxid, updated.Czxid);
        Assert.Equal("version two", Text((await zk.GetDataAsync(path)).Data));

        var exists = await zk.ExistsAsync(path);
        Assert.Equal(updated, exists);
        var parent = await zk.ExistsAsync(t.Root);
        Assert.Equal(1, parent!.NumChildren);

        await zk.DeleteAsync(path, version: 1);
        Assert.Null(await zk.ExistsAsync(path));
        Assert.Empty(await zk.GetChildrenAsync(t.Root));
    }

    [SkippableFact]
    public async Task Empty_and_null_data_read_back_as_empty()
    {
        await using var t = await fixture.StartAsync();
        await t.Client.CreateAsync(t.Root + "/a", null);
        await t.Client.CreateAsync(t.Root + "/b", []);
        Assert.Empty((await t.Client.GetDataAsync(t.Root + "/a")).Data);
        Assert.Equal(0, (await t.Client.GetDataAsync(t.Root + "/b")).Stat.DataLength);
    }

    [SkippableFact]
    public async Task Get_children_lists_the_names()
    {
        await using var t = await fixture.StartAsync();
        foreach (var name in new[] { "b", "a", "c" })
            await t.Client.CreateAsync($"{t.Root}/{name}", null);
        await t.Client.CreateAsync($"{t.Root}/a/grandchild", null);

        Assert.Equal(["a", "b", "c"], (await t.Client.GetChildrenAsync(t.Root)).Order());
        Assert.Equal(["grandchild"], await t.Client.GetChildrenAsync(t.Root + "/a"));
    }

    [SkippableFact]
    public async Task Sequential_nodes_get_a_ten_digit_increasing_suffix()
    {
        await using var t = await fixture.StartAsync();
        var zk = t.Client;

        var created = new List<string>();
        for (var i = 0; i < 3; i++)
            created.Add(await zk.CreateAsync(t.Root + "/job-", Bytes($"job {i}"), CreateMode.PersistentSequential));
        // The counter belongs to the parent and counts every child created under it, whatever its mode.
        created.Add(await zk.CreateAsync(t.Root + "/lock-", null, CreateMode.EphemeralSequential));

        Assert.Equal(
            [t.Root + "/job-0000000000", t.Root + "/job-0000000001", t.Root + "/job-0000000002", t.Root + "/lock-0000000003"],
            created);
        Assert.Equal("job 1", Text((await zk.GetDataAsync(created[1])).Data));
        Assert.False((await zk.ExistsAsync(created[0]))!.IsEphemeral);
        Assert.Equal(zk.SessionId, (await zk.ExistsAsync(created[3]))!.EphemeralOwner);
    }

    [SkippableFact]
    public async Task Ephemeral_nodes_belong_to_the_session_and_cannot_have_children()
    {
        await using var t = await fixture.StartAsync();
        var path = await t.Client.CreateAsync(t.Root + "/worker", Bytes("alive"), CreateMode.Ephemeral);

        var stat = (await t.Client.ExistsAsync(path))!;
        Assert.True(stat.IsEphemeral);
        Assert.Equal(t.Client.SessionId, stat.EphemeralOwner);

        var ex = await Assert.ThrowsAsync<ZooKeeperException>(() => t.Client.CreateAsync(path + "/child", null));
        Assert.Equal(ZooKeeperErrorCode.NoChildrenForEphemerals, ex.Code);
        Assert.Equal(path + "/child", ex.Path);
    }

    [SkippableFact]
    public async Task Stale_version_is_rejected_with_BadVersion_and_changes_nothing()
    {
        await using var t = await fixture.StartAsync();
        var path = await t.Client.CreateAsync(t.Root + "/counter", Bytes("0"));
        var (_, read) = await t.Client.GetDataAsync(path);

        await t.Client.SetDataAsync(path, Bytes("1"), read.Version); // someone else wins the race
        var ex = await Assert.ThrowsAsync<ZooKeeperException>(() => t.Client.SetDataAsync(path, Bytes("1 again"), read.Version));

        Assert.Equal(ZooKeeperErrorCode.BadVersion, ex.Code);
        Assert.Equal(path, ex.Path);
        Assert.Contains("BadVersion", ex.Message);
        Assert.Contains(path, ex.Message);
        var (data, stat) = await t.Client.GetDataAsync(path);
        Assert.Equal("1", Text(data));
        Assert.Equal(1, stat.Version);

        var deleteEx = await Assert.ThrowsAsync<ZooKeeperException>(() => t.Client.DeleteAsync(path, version: 0));
        Assert.Equal(ZooKeeperErrorCode.BadVersion, deleteEx.Code);
        Assert.NotNull(await t.Client.ExistsAsync(path));
    }

    [SkippableFact]
    public async Task Deleting_a_parent_with_children_fails_with_NotEmpty()
    {
        await using var t = await fixture.StartAsync();
        await t.Client.CreateAsync(t.Root + "/child", null);

        var ex = await Assert.ThrowsAsync<ZooKeeperException>(() => t.Client.DeleteAsync(t.Root));

        Assert.Equal(ZooKeeperErrorCode.NotEmpty, ex.Code);
        Assert.Equal(t.Root, ex.Path);
        Assert.NotNull(await t.Client.ExistsAsync(t.Root + "/child"));
    }

    [SkippableFact]
    public async Task Missing_nodes_fail_with_NoNode_and_duplicates_with_NodeExists()
    {
        await using var t = await fixture.StartAsync();
        var zk = t.Client;
        var missing = t.Root + "/missing";

        foreach (var call in new Func<Task>[]
                 {
                     () => zk.GetDataAsync(missing),
                     () => zk.SetDataAsync(missing, Bytes("x")),
                     () => zk.GetChildrenAsync(missing),
                     () => zk.DeleteAsync(missing),
                     () => zk.CreateAsync(missing + "/child", null), // no parent
                 })
        {
            var ex = await Assert.ThrowsAsync<ZooKeeperException>(call);
            Assert.Equal(ZooKeeperErrorCode.NoNode, ex.Code);
            Assert.StartsWith(missing, ex.Path);
        }
        Assert.Null(await zk.ExistsAsync(missing));

        var exists = await Assert.ThrowsAsync<ZooKeeperException>(() => zk.CreateAsync(t.Root, null));
        Assert.Equal(ZooKeeperErrorCode.NodeExists, exists.Code);
        Assert.Equal(t.Root, exists.Path);
    }

    [SkippableFact]
    public async Task Paths_are_checked_before_sending()
    {
        await using var t = await fixture.StartAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => t.Client.GetDataAsync("relative"));
        await Assert.ThrowsAsync<ArgumentException>(() => t.Client.CreateAsync(t.Root + "/trailing/", null));
        await Assert.ThrowsAsync<ArgumentException>(() => t.Client.ExistsAsync(t.Root + "//double"));
        Assert.True(t.Client.IsConnected); // a bad argument does not hurt the session
    }

    [SkippableFact]
    public async Task Many_concurrent_requests_from_one_client_each_get_their_own_answer()
    {
        await using var t = await fixture.StartAsync();
        var zk = t.Client;
        const int count = 300;

        await Task.WhenAll(Enumerable.Range(0, count).Select(i => zk.CreateAsync($"{t.Root}/n{i}", Bytes($"value {i}"))));

        // Reads of existing and missing nodes interleaved: each reply (or error) must reach the request it answers.
        var reads = Enumerable.Range(0, 2 * count).Select(async i =>
        {
            var path = $"{t.Root}/n{i}";
            try
            {
                var (data, _) = await zk.GetDataAsync(path);
                return (i, result: Text(data));
            }
            catch (ZooKeeperException e) when (e.Code == ZooKeeperErrorCode.NoNode && e.Path == path)
            {
                return (i, result: "NoNode");
            }
        }).ToList();
        var results = await Task.WhenAll(reads);

        foreach (var (i, result) in results)
            Assert.Equal(i < count ? $"value {i}" : "NoNode", result);
        Assert.Equal(count, (await zk.GetChildrenAsync(t.Root)).Count);
    }
}

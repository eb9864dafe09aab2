using System.Text;
using Course.Infrastructure.ZooKeeper;

namespace Course.Coordination.Tests;

[Collection(ZooKeeperCollection.Name)]
public sealed class DistributedLockTests(ZooKeeperFixture zk)
{
    private const int Clients = 5;
    private const int IncrementsEach = 10;

    [SkippableFact]
    public async Task Five_clients_incrementing_a_shared_counter_under_the_lock_lose_no_update()
    {
        await using var scope = new ZooKeeperScope(zk);
        var clients = await scope.ConnectManyAsync(Clients);
        var counter = await CreateCounterAsync(clients[0], scope.Root, "counter");
        var lockPath = scope.Root + "/locks/counter";
        var holders = 0;
        var maxHolders = 0;

        await Task.WhenAll(clients.Select(client => Task.Run(async () =>
        {
            var mutex = new DistributedLock(client, lockPath);
            for (var i = 0; i < IncrementsEach; i++)
            {
                await using var handle = await mutex.AcquireAsync(TimeSpan.FromSeconds(20));
                var inside = Interlocked.Increment(ref holders);
                InterlockedMax(ref maxHolders, inside);
                await IncrementAsync(client, counter, widenWindow: true);
                Interlocked.Decrement(ref holders);
            }
        })));

        Assert.Equal(Clients * IncrementsEach, await ReadAsync(clients[0], counter));
        Assert.Equal(1, maxHolders);
        Assert.Empty(await clients[0].GetChildrenAsync(lockPath)); // every handle deleted its node
    }

    /// <summary>
    /// The control experiment: the same read-modify-write WITHOUT the lock (SetData with version -1, i.e. blind)
    /// loses updates. Lost updates need two clients to interleave between read and write, which is likely but not
    /// certain on a given run, so the experiment is repeated (at most 5 rounds) until one shows it.
    /// </summary>
    [SkippableFact]
    public async Task Without_the_lock_the_same_increments_lose_updates()
    {
        await using var scope = new ZooKeeperScope(zk);
        var clients = await scope.ConnectManyAsync(Clients);
        var results = new List<int>();
        for (var round = 0; round < 5 && (results.Count == 0 || results[^1] == Clients * IncrementsEach); round++)
        {
            var counter = await CreateCounterAsync(clients[0], scope.Root, $"counter-{round}");
            await Task.WhenAll(clients.Select(client => Task.Run(async () =>
            {
                for (var i = 0; i < IncrementsEach; i++) await IncrementAsync(client, counter, widenWindow: true);
            })));
            results.Add(await ReadAsync(clients[0], counter));
        }
        Assert.True(results[^1] < Clients * IncrementsEach,
            $"expected lost updates without the lock; got {string.Join(", ", results)} of {Clients * IncrementsEach}");
    }

    [SkippableFact]
    public async Task A_held_lock_makes_others_time_out_and_passes_on_when_the_holders_session_closes()
    {
        await using var scope = new ZooKeeperScope(zk);
        var clients = await scope.ConnectManyAsync(3);
        var lockPath = scope.Root + "/lock";
        var first = await new DistributedLock(clients[0], lockPath).AcquireAsync(TimeSpan.FromSeconds(5));

        await Assert.ThrowsAsync<TimeoutException>(() => new DistributedLock(clients[1], lockPath).AcquireAsync(TimeSpan.FromMilliseconds(500)));
        Assert.Single(await clients[1].GetChildrenAsync(lockPath)); // the timed-out waiter removed its node

        var waiting = new DistributedLock(clients[2], lockPath).AcquireAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);
        await clients[0].CloseAsync(); // the holder's session ends: its ephemeral node goes, the waiter gets the lock
        await using var second = await waiting.WaitAsync(TimeSpan.FromSeconds(3));
        Assert.True(second.FencingToken > first.FencingToken);
        await first.DisposeAsync(); // harmless after the session ended
    }

    private static async Task<string> CreateCounterAsync(ZooKeeperClient client, string root, string name)
    {
        try { await client.CreateAsync(root, null); }
        catch (ZooKeeperException e) when (e.Code == ZooKeeperErrorCode.NodeExists) { }
        return await client.CreateAsync($"{root}/{name}", "0"u8.ToArray());
    }

    private static async Task<int> ReadAsync(ZooKeeperClient client, string counter) =>
        int.Parse(Encoding.UTF8.GetString((await client.GetDataAsync(counter)).Data));

    /// <summary>Read, add one, write back blindly (version -1): correct only if nobody writes in between.</summary>
    private static async Task IncrementAsync(ZooKeeperClient client, string counter, bool widenWindow)
    {
        var value = await ReadAsync(client, counter);
        if (widenWindow) await Task.Delay(Random.Shared.Next(0, 3)); // the "processing" between read and write
        await client.SetDataAsync(counter, Encoding.UTF8.GetBytes((value + 1).ToString()), version: -1);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}

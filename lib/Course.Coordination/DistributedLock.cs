using Course.Infrastructure.ZooKeeper;

namespace Course.Coordination;

/// <summary>
/// An exclusive lock, the ZooKeeper recipe ("Recipes and Solutions"): to acquire, create an EPHEMERAL_SEQUENTIAL
/// node under the lock path; the lowest node holds the lock; every other waiter watches only its predecessor
/// (no herd effect) and re-checks when that node goes. Releasing deletes the node. If the holder's session ends
/// (close, or expiry after a crash) the node vanishes and the next waiter gets the lock.
/// </summary>
/// <remarks>
/// Each client (session) that competes must have its own <see cref="ZooKeeperClient"/>. The lock is only as safe as
/// the session: a holder that is paused longer than the session timeout may still believe it holds the lock after the
/// server gave it to someone else (use a fencing token, e.g. the node's sequence number, to guard the resource).
/// Recipes read the client's <see cref="ZooKeeperClient.Events"/>: do not read that stream yourself.
/// </remarks>
/// <example>
/// var mutex = new DistributedLock(zk, "/locks/counter");
/// await using (await mutex.AcquireAsync(TimeSpan.FromSeconds(10)))
/// {
///     // read-modify-write the shared resource
/// }
/// </example>
public sealed class DistributedLock
{
    /// <summary>Name prefix of the lock nodes ("lock-0000000007").</summary>
    public const string NodePrefix = "lock-";

    private readonly ZooKeeperClient _client;
    private readonly WatchDispatcher _watches;

    /// <param name="client">A connected client whose session will own the lock nodes. Not closed by this object.</param>
    /// <param name="lockPath">Absolute path of the lock, e.g. "/locks/counter" (created on first use).</param>
    /// <exception cref="ArgumentException"><paramref name="lockPath"/> is not an absolute ZooKeeper path.</exception>
    public DistributedLock(ZooKeeperClient client, string lockPath)
    {
        ArgumentNullException.ThrowIfNull(client);
        LockPath = ZkPaths.RequireAbsolute(lockPath, nameof(lockPath));
        _client = client;
        _watches = WatchDispatcher.For(client);
    }

    public string LockPath { get; }

    /// <summary>
    /// Waits until this client holds the lock and returns the handle; dispose the handle to release it.
    /// </summary>
    /// <exception cref="TimeoutException">Not acquired within <paramref name="timeout"/> (our node is deleted again, so we leave no trace).</exception>
    /// <exception cref="ZooKeeperException">The session was lost while waiting.</exception>
    public async Task<LockHandle> AcquireAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero, nameof(timeout));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        await ZkPaths.EnsureExistsAsync(_client, LockPath, cancellationToken);
        var node = await _client.CreateAsync($"{LockPath}/{NodePrefix}", null, CreateMode.EphemeralSequential, cancellationToken);
        var myName = node[(LockPath.Length + 1)..];
        try
        {
            while (true)
            {
                var sorted = ZkPaths.SortedCandidates(await _client.GetChildrenAsync(LockPath, cancellationToken: deadline.Token), NodePrefix);
                var index = sorted.IndexOf(myName);
                if (index < 0)
                    throw new ZooKeeperException(ZooKeeperErrorCode.NoNode, node, "our lock node vanished (session expired?)");
                if (index == 0)
                    return new LockHandle(_client, node, ZkPaths.Sequence(myName));
                var predecessor = $"{LockPath}/{sorted[index - 1]}";
                var woken = _watches.NextEventAsync(predecessor); // registered before the watch is set
                if (await _client.ExistsAsync(predecessor, watch: true, deadline.Token) is null)
                    continue;
                await woken.WaitAsync(deadline.Token);
            }
        }
        catch (Exception e)
        {
            await DeleteQuietlyAsync(_client, node);
            if (e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
                throw new TimeoutException($"lock {LockPath} not acquired within {timeout.TotalSeconds:0.###} s");
            throw;
        }
    }

    internal static async Task DeleteQuietlyAsync(ZooKeeperClient client, string node)
    {
        if (!client.IsConnected) return; // the session's end (or expiry) deletes the ephemeral node
        try { await client.DeleteAsync(node); }
        catch (ZooKeeperException) { }
        catch (ObjectDisposedException) { }
    }
}

/// <summary>A held <see cref="DistributedLock"/>; dispose to release (deletes the lock node).</summary>
public sealed class LockHandle : IAsyncDisposable
{
    private readonly ZooKeeperClient _client;
    private int _released;

    internal LockHandle(ZooKeeperClient client, string nodePath, long fencingToken)
    {
        _client = client;
        NodePath = nodePath;
        FencingToken = fencingToken;
    }

    /// <summary>The lock node this holder created.</summary>
    public string NodePath { get; }

    /// <summary>The node's sequence number: increases with every acquisition, so a resource can reject a stale holder.</summary>
    public long FencingToken { get; }

    public bool IsReleased => Volatile.Read(ref _released) == 1;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
            await DistributedLock.DeleteQuietlyAsync(_client, NodePath);
    }
}

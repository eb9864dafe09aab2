using System.Net;
using System.Net.Sockets;
using Course.Distributed.Transport;
using DotNext.Net.Cluster.Consensus.Raft;

namespace Course.Distributed.Production;

/// <summary>
/// The same key-value store on DotNext's production Raft (DotNext.Net.Cluster): one <c>RaftCluster</c> per node over
/// its own TCP transport on 127.0.0.1, each with a persistent <c>WriteAheadLog</c> and snapshots in a temp directory.
/// Writes go through <c>ReplicateAsync</c> on the leader; reads take a read barrier first, so they are linearizable.
/// </summary>
public sealed class DotNextKvCluster : IKvCluster
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);
    private readonly DotNextKvOptions _options;
    private readonly IPEndPoint[] _endPoints;
    private readonly DotNextNode?[] _nodes;
    private readonly bool _ownsDirectory;
    private bool _disposed;

    private DotNextKvCluster(int nodes, DotNextKvOptions options)
    {
        _options = options;
        _ownsDirectory = options.Directory is null;
        Directory = options.Directory is { } dir
            ? System.IO.Directory.CreateDirectory(dir).FullName
            : System.IO.Directory.CreateTempSubdirectory("course-dotnext-").FullName;
        _endPoints = FreeLoopbackEndPoints(nodes);
        _nodes = new DotNextNode?[nodes];
    }

    /// <summary>Starts <paramref name="nodes"/> DotNext Raft members on loopback; elections follow on their own.</summary>
    public static async Task<DotNextKvCluster> StartAsync(int nodes = 3, DotNextKvOptions? options = null)
    {
        if (nodes is < 1 or > 9) throw new ArgumentOutOfRangeException(nameof(nodes), nodes, "A local cluster has 1 to 9 nodes.");
        options ??= new DotNextKvOptions();
        options.Validate();
        var cluster = new DotNextKvCluster(nodes, options);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, nodes).Select(cluster.BootAsync)).ConfigureAwait(false);
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return cluster;
    }

    public string Name => "DotNext.Net.Cluster 6.12 (RaftCluster on TCP, WriteAheadLog)";
    public int Size => _nodes.Length;

    /// <summary>The cluster's directory: one sub-directory per node holds its WAL and snapshots.</summary>
    public string Directory { get; }

    /// <summary>Where each member listens; a restarted member comes back on the same address (membership is by address).</summary>
    public IReadOnlyList<IPEndPoint> EndPoints => _endPoints;

    public bool IsUp(int node) => Node(node) is not null;

    /// <summary>The node's current term as DotNext reports it, or null while it is down.</summary>
    public long? TermOf(int node) => Node(node)?.Term;

    public Task<LeaderInfo?> FindLeaderAsync()
    {
        var up = Enumerable.Range(0, Size).Select(i => (Index: i, Node: Node(i))).Where(n => n.Node is not null).ToArray();
        if (up.Length == 0) return Task.FromResult<LeaderInfo?>(null);
        var maxTerm = up.Max(n => n.Node!.Term);
        var leader = up.FirstOrDefault(n => n.Node!.IsLeader && n.Node.Term == maxTerm);
        return Task.FromResult(leader.Node is null ? null : new LeaderInfo(leader.Index, maxTerm));
    }

    public async Task<LeaderInfo> WaitForLeaderAsync(TimeSpan? timeout = null, long afterTerm = 0)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultWait);
        while (true)
        {
            if (await FindLeaderAsync().ConfigureAwait(false) is { } leader && leader.Term > afterTerm) return leader;
            if (DateTime.UtcNow >= deadline) throw new TimeoutException($"No DotNext leader with a term above {afterTerm} within {timeout ?? DefaultWait}.");
            await Task.Delay(PollInterval).ConfigureAwait(false);
        }
    }

    /// <summary>Replicates the write from the leader and returns once DotNext reports it committed; retries on a lost leadership.</summary>
    public async Task SetAsync(string key, string value, TimeSpan? timeout = null)
    {
        var payload = KvCommand.Set(key, value).ToBytes();
        using var deadline = new CancellationTokenSource(timeout ?? DefaultWait);
        while (true)
        {
            deadline.Token.ThrowIfCancellationRequested();
            var leader = await FindLeaderAsync().ConfigureAwait(false);
            if (leader is null || Node(leader.Node) is not { } node)
            {
                await Task.Delay(PollInterval, deadline.Token).ConfigureAwait(false);
                continue;
            }
            try
            {
                await node.Raft.ReplicateAsync(payload, context: null, deadline.Token).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (IsLostLeadership(e, deadline.Token))
            {
                await Task.Delay(PollInterval, deadline.Token).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A linearizable read: the leader applies a read barrier (a round of heartbeats) before reading its state.</summary>
    public async Task<string?> GetAsync(string key, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultWait;
        using var deadline = new CancellationTokenSource(limit);
        var giveUp = DateTime.UtcNow + limit;
        while (true)
        {
            deadline.Token.ThrowIfCancellationRequested();
            var leader = await WaitForLeaderAsync(giveUp - DateTime.UtcNow).ConfigureAwait(false);
            if (Node(leader.Node) is not { } node) continue; // killed just now: look again
            try
            {
                await node.Raft.ApplyReadBarrierAsync(deadline.Token).ConfigureAwait(false);
                return node.State.Get(key);
            }
            catch (Exception e) when (IsLostLeadership(e, deadline.Token))
            {
                await Task.Delay(PollInterval, deadline.Token).ConfigureAwait(false);
            }
        }
    }

    public IReadOnlyDictionary<string, string> StateOf(int node) =>
        Node(node)?.State.Copy() ?? new Dictionary<string, string>();

    public async Task KillAsync(int node)
    {
        CheckIndex(node);
        var running = Interlocked.Exchange(ref _nodes[node], null);
        if (running is not null) await running.KillAsync().ConfigureAwait(false);
    }

    public Task RestartAsync(int node)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsUp(node)) throw new InvalidOperationException($"n{node} is running; kill it before restarting it.");
        return BootAsync(node);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await Task.WhenAll(Enumerable.Range(0, Size).Select(KillAsync)).ConfigureAwait(false);
        if (_ownsDirectory)
        {
            try { System.IO.Directory.Delete(Directory, recursive: true); }
            catch (IOException) { }
        }
    }

    private async Task BootAsync(int node)
    {
        using var timeout = new CancellationTokenSource(DefaultWait);
        var started = await DotNextNode.StartAsync(_endPoints[node], _endPoints, Path.Combine(Directory, $"n{node}"), _options, timeout.Token).ConfigureAwait(false);
        if (Interlocked.CompareExchange(ref _nodes[node], started, null) is not null)
        {
            await started.KillAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"n{node} was started twice.");
        }
    }

    private DotNextNode? Node(int node)
    {
        CheckIndex(node);
        return Volatile.Read(ref _nodes[node]);
    }

    private void CheckIndex(int node)
    {
        if (node < 0 || node >= _nodes.Length)
            throw new ArgumentOutOfRangeException(nameof(node), node, $"The cluster has nodes 0..{_nodes.Length - 1}.");
    }

    /// <summary>The leader stepped down, died or was disposed under us: find the new one and retry (until the deadline).</summary>
    private static bool IsLostLeadership(Exception e, CancellationToken deadline) =>
        !deadline.IsCancellationRequested
        && e is NotLeaderException or LeaderOperationException or QuorumUnreachableException or ObjectDisposedException or OperationCanceledException;

    /// <summary>Free ports on 127.0.0.1, chosen up front because every member's address is in every member's configuration.</summary>
    private static IPEndPoint[] FreeLoopbackEndPoints(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var l in listeners) l.Start();
            return listeners.Select(l => (IPEndPoint)l.LocalEndpoint).ToArray();
        }
        finally
        {
            foreach (var l in listeners) l.Stop();
        }
    }
}

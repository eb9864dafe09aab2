using System.Text;
using System.Threading.Channels;
using Course.Infrastructure.ZooKeeper;

namespace Course.Coordination;

/// <summary>
/// Leader election, the ZooKeeper recipe ("Recipes and Solutions"): every candidate creates an EPHEMERAL_SEQUENTIAL
/// node under the election path; the candidate with the lowest sequence number leads. Every other candidate watches
/// ONLY its predecessor (the next lower node), so when the leader goes, one candidate wakes up, not all of them
/// (no herd effect). A woken candidate re-reads the children: it leads only if it is now the lowest, otherwise it
/// watches its new predecessor.
/// </summary>
/// <remarks>
/// The node belongs to the client's session. <see cref="ZooKeeperClient.CloseAsync"/> ends the session, so the node
/// vanishes and the successor takes over at once; <see cref="ZooKeeperClient.Abort"/> (a crash) leaves the node until
/// the session expires (the session timeout), and only then does the successor take over. Meanwhile this object,
/// having lost its connection, reports <see cref="IsLeader"/> = false: it can no longer know.
/// Recipes read the client's <see cref="ZooKeeperClient.Events"/>: do not read that stream yourself.
/// </remarks>
/// <example>
/// await using var zk = await ZooKeeperClient.ConnectAsync(address, TimeSpan.FromSeconds(4));
/// await using var election = await LeaderElection.JoinAsync(zk, "/election/app", "worker-1");
/// election.LeadershipChanged += (_, leading) => Console.WriteLine(leading ? "I lead" : "I follow");
/// await election.WaitForLeadershipAsync(TimeSpan.FromSeconds(30));
/// </example>
public sealed class LeaderElection : IAsyncDisposable
{
    /// <summary>Name prefix of the candidates' nodes ("n_0000000007").</summary>
    public const string NodePrefix = "n_";

    private readonly ZooKeeperClient _client;
    private readonly WatchDispatcher _watches;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<bool> _changes = Channel.CreateUnbounded<bool>();
    private readonly object _gate = new();
    private TaskCompletionSource _leading = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _loop = Task.CompletedTask;
    private bool _isLeader;
    private string? _watching;
    private int _resigned;

    private LeaderElection(ZooKeeperClient client, string electionPath, string candidate, string nodePath)
    {
        _client = client;
        _watches = WatchDispatcher.For(client);
        ElectionPath = electionPath;
        Candidate = candidate;
        NodePath = nodePath;
    }

    /// <summary>
    /// Joins the election: creates the election path if needed, then this candidate's ephemeral sequential node
    /// (with <paramref name="candidate"/> as its data), and starts following the predecessor in the background.
    /// </summary>
    /// <param name="client">A connected client; its session owns the candidate node. Not closed by this object.</param>
    /// <param name="electionPath">Absolute path of the election, e.g. "/election/app".</param>
    /// <param name="candidate">A readable name stored in the node (shown by <see cref="CurrentLeaderAsync"/>); defaults to the session id.</param>
    /// <exception cref="ArgumentException"><paramref name="electionPath"/> is not an absolute ZooKeeper path.</exception>
    public static async Task<LeaderElection> JoinAsync(
        ZooKeeperClient client, string electionPath, string? candidate = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ZkPaths.RequireAbsolute(electionPath, nameof(electionPath));
        candidate ??= $"session-0x{client.SessionId:x}";
        await ZkPaths.EnsureExistsAsync(client, electionPath, cancellationToken);
        var node = await client.CreateAsync($"{electionPath}/{NodePrefix}", Encoding.UTF8.GetBytes(candidate),
            CreateMode.EphemeralSequential, cancellationToken);
        var election = new LeaderElection(client, electionPath, candidate, node);
        election._loop = Task.Run(election.FollowAsync);
        return election;
    }

    /// <summary>The leader's name (data of the lowest candidate node), or null when there is no candidate.</summary>
    public static async Task<string?> CurrentLeaderAsync(ZooKeeperClient client, string electionPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ZkPaths.RequireAbsolute(electionPath, nameof(electionPath));
        while (true)
        {
            IReadOnlyList<string> children;
            try { children = await client.GetChildrenAsync(electionPath, cancellationToken: cancellationToken); }
            catch (ZooKeeperException e) when (e.Code == ZooKeeperErrorCode.NoNode) { return null; }
            var sorted = ZkPaths.SortedCandidates(children, NodePrefix);
            if (sorted.Count == 0) return null;
            try
            {
                var (data, _) = await client.GetDataAsync($"{electionPath}/{sorted[0]}", cancellationToken: cancellationToken);
                return Encoding.UTF8.GetString(data);
            }
            catch (ZooKeeperException e) when (e.Code == ZooKeeperErrorCode.NoNode)
            {
                // The leader left between the two reads: look again.
            }
        }
    }

    public string ElectionPath { get; }

    /// <summary>This candidate's name (the data of its node).</summary>
    public string Candidate { get; }

    /// <summary>This candidate's node, e.g. "/election/app/n_0000000003".</summary>
    public string NodePath { get; }

    /// <summary>True while this candidate's node is the lowest and its session is usable.</summary>
    public bool IsLeader { get { lock (_gate) return _isLeader; } }

    /// <summary>The predecessor node this candidate watches now (null when leading or stopped): one node, never all of them.</summary>
    public string? Watching { get { lock (_gate) return _watching; } }

    /// <summary>Raised (on a background task) with the new value each time <see cref="IsLeader"/> changes.</summary>
    public event EventHandler<bool>? LeadershipChanged;

    /// <summary>Every change of <see cref="IsLeader"/>, in order, as an async stream (one reader).
    /// Ends when the candidate resigns or its session is lost.</summary>
    public IAsyncEnumerable<bool> LeadershipChangesAsync(CancellationToken cancellationToken = default) =>
        _changes.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Completes when this candidate leads; throws <see cref="TimeoutException"/> if it does not within <paramref name="timeout"/>.</summary>
    public Task WaitForLeadershipAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Task leading;
        lock (_gate) leading = _leading.Task;
        return leading.WaitAsync(timeout, cancellationToken);
    }

    /// <summary>Leaves the election: stops watching and deletes this candidate's node, so the successor takes over now.
    /// The client stays open. Idempotent.</summary>
    public async Task ResignAsync()
    {
        if (Interlocked.Exchange(ref _resigned, 1) == 1) { await _loop; return; }
        _stop.Cancel();
        await _loop;
        if (_client.IsConnected)
        {
            try { await _client.DeleteAsync(NodePath); }
            catch (ZooKeeperException e) when (e.Code is ZooKeeperErrorCode.NoNode or ZooKeeperErrorCode.ConnectionLoss) { }
        }
        SetLeader(false);
        _changes.Writer.TryComplete();
    }

    public ValueTask DisposeAsync() => new(ResignAsync());

    public override string ToString() => $"{Candidate} ({NodePath}): {(IsLeader ? "LEADER" : Watching is { } w ? $"follower, watching {w}" : "stopped")}";

    private async Task FollowAsync()
    {
        var myName = NodePath[(ElectionPath.Length + 1)..];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var sorted = ZkPaths.SortedCandidates(await _client.GetChildrenAsync(ElectionPath, cancellationToken: _stop.Token), NodePrefix);
                var index = sorted.IndexOf(myName);
                if (index < 0) break; // our node is gone (session expired, or someone deleted it): we are out
                if (index == 0)
                {
                    SetWatching(null);
                    SetLeader(true);
                    // Leading until we resign or the session is lost; nothing to watch (the node is ours).
                    await _watches.SessionLost.WaitAsync(_stop.Token);
                    break;
                }
                var predecessor = $"{ElectionPath}/{sorted[index - 1]}";
                var woken = _watches.NextEventAsync(predecessor); // registered before the watch is set
                SetWatching(predecessor);
                if (await _client.ExistsAsync(predecessor, watch: true, _stop.Token) is null)
                    continue; // gone already: re-read the children
                await woken.WaitAsync(_stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is ZooKeeperException or ObjectDisposedException)
        {
            // The session is unusable from this client: we cannot know whether we still lead, so we do not.
        }
        SetWatching(null);
        SetLeader(false);
        if (!_stop.IsCancellationRequested) _changes.Writer.TryComplete();
    }

    private void SetWatching(string? path)
    {
        lock (_gate) _watching = path;
    }

    private void SetLeader(bool leading)
    {
        lock (_gate)
        {
            if (_isLeader == leading) return;
            _isLeader = leading;
            if (leading) _leading.TrySetResult();
            else _leading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _changes.Writer.TryWrite(leading);
        }
        try { LeadershipChanged?.Invoke(this, leading); }
        catch (Exception) { /* a faulty handler must not stop the election */ }
    }
}

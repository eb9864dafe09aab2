using System.Threading.Channels;

namespace Course.Infrastructure.ZooKeeper;

/// <summary>
/// A small ZooKeeper client speaking the Jute protocol over one TCP connection, for the operations the course teaches.
/// One instance = one session. It pings the server to keep the session alive and pipelines requests
/// (any number may be in flight; the server answers in order). It does not reconnect: when the connection is lost,
/// pending and later requests fail with <see cref="ZooKeeperErrorCode.ConnectionLoss"/> and you connect a new client.
/// Thread-safe. Dispose (or <see cref="CloseAsync"/>) ends the session, so its ephemeral nodes vanish at once.
/// </summary>
/// <example>
/// await using var zk = await ZooKeeperClient.ConnectAsync("127.0.0.1:2181");
/// await zk.CreateAsync("/config", "v1"u8.ToArray());
/// var (data, stat) = await zk.GetDataAsync("/config", watch: true);
/// await zk.SetDataAsync("/config", "v2"u8.ToArray(), version: stat.Version);
/// var changed = await zk.Events.ReadAsync();   // NodeDataChanged /config
/// </example>
public sealed partial class ZooKeeperClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultSessionTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Opens a TCP connection and a session.
    /// </summary>
    /// <param name="connectString">"host:port", or several separated by commas (tried in order until one answers).</param>
    /// <param name="sessionTimeout">Asked-for session timeout; the server clamps it to [2, 20] × its tickTime.</param>
    /// <param name="watcher">Called (on a background task, one event at a time) for every watch notification
    /// and for the final Disconnected event. The same events are also readable from <see cref="Events"/>.</param>
    /// <param name="requestTimeout">How long to wait for the connection and for each reply.</param>
    /// <param name="sessionId">Non-zero to re-attach to an existing session (with its <paramref name="sessionPassword"/>),
    /// as a restarted process would; fails with SessionExpired if the server has already ended it.</param>
    /// <exception cref="ZooKeeperException">ConnectionLoss when no server could be reached; SessionExpired when re-attaching too late.</exception>
    public static async Task<ZooKeeperClient> ConnectAsync(
        string connectString,
        TimeSpan? sessionTimeout = null,
        Action<WatchedEvent>? watcher = null,
        TimeSpan? requestTimeout = null,
        long sessionId = 0,
        byte[]? sessionPassword = null,
        CancellationToken cancellationToken = default)
    {
        var session = sessionTimeout ?? DefaultSessionTimeout;
        var timeout = requestTimeout ?? DefaultRequestTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(session, TimeSpan.Zero, nameof(sessionTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(requestTimeout));

        var failures = new List<string>();
        foreach (var (host, port) in ParseConnectString(connectString))
        {
            try
            {
                return await HandshakeAsync(host, port, session, sessionId, sessionPassword, watcher, timeout, cancellationToken);
            }
            catch (Exception e) when (e is not ZooKeeperException && !cancellationToken.IsCancellationRequested)
            {
                failures.Add($"{host}:{port} ({Reason(e)})");
            }
        }
        throw new ZooKeeperException(ZooKeeperErrorCode.ConnectionLoss, null,
            $"could not connect to ZooKeeper at {string.Join(", ", failures)}. Is the server running?");
    }

    /// <summary>Session id given by the server (also the <see cref="Stat.EphemeralOwner"/> of this session's ephemeral nodes).</summary>
    public long SessionId { get; }

    /// <summary>Secret that, with <see cref="SessionId"/>, lets another connection re-attach to this session.</summary>
    public byte[] SessionPassword => _password.ToArray();

    /// <summary>The timeout the server granted; pings go out every third of it.</summary>
    public TimeSpan SessionTimeout { get; }

    /// <summary>"host:port" of the server this client is connected to.</summary>
    public string Address { get; }

    /// <summary>False once the client was closed or lost its connection (it never comes back).</summary>
    public bool IsConnected => Volatile.Read(ref _terminal) is null;

    /// <summary>
    /// Watch notifications as an async stream (<c>await foreach (var e in zk.Events.ReadAllAsync())</c>), in the order
    /// the server sent them. Ends after a final Disconnected event if the connection is lost, or when the client is closed.
    /// </summary>
    public ChannelReader<WatchedEvent> Events => _events.Reader;

    /// <summary>Creates a node with the open ACL (world:anyone) and returns its actual path (with the counter, if sequential).</summary>
    /// <exception cref="ZooKeeperException">NodeExists, NoNode (no parent), NoChildrenForEphemerals (parent is ephemeral).</exception>
    public async Task<string> CreateAsync(string path, byte[]? data, CreateMode mode = CreateMode.Persistent, CancellationToken cancellationToken = default)
    {
        ValidatePath(path, sequential: mode is CreateMode.PersistentSequential or CreateMode.EphemeralSequential);
        var reply = await RequestAsync(OpCode.Create, path, w =>
        {
            w.WriteString(path);
            w.WriteBuffer(data);
            w.WriteOpenAcl();
            w.WriteInt((int)mode);
        }, cancellationToken);
        return reply.ReadString()!;
    }

    /// <summary>Reads a node's data and metadata; with <paramref name="watch"/>, the next change or deletion raises one event.</summary>
    /// <exception cref="ZooKeeperException">NoNode.</exception>
    public async Task<(byte[] Data, Stat Stat)> GetDataAsync(string path, bool watch = false, CancellationToken cancellationToken = default)
    {
        ValidatePath(path);
        var reply = await RequestAsync(OpCode.GetData, path, w => { w.WriteString(path); w.WriteBool(watch); }, cancellationToken);
        return (reply.ReadBuffer(), Stat.Read(reply));
    }

    /// <summary>
    /// Replaces a node's data if its version is still <paramref name="version"/> (-1 = any version) and returns the new metadata.
    /// </summary>
    /// <exception cref="ZooKeeperException">BadVersion when someone else changed the node since you read it; NoNode.</exception>
    public async Task<Stat> SetDataAsync(string path, byte[]? data, int version = -1, CancellationToken cancellationToken = default)
    {
        ValidatePath(path);
        var reply = await RequestAsync(OpCode.SetData, path, w =>
        {
            w.WriteString(path);
            w.WriteBuffer(data);
            w.WriteInt(version);
        }, cancellationToken);
        return Stat.Read(reply);
    }

    /// <summary>Names (not paths) of a node's children, in no particular order; with <paramref name="watch"/>,
    /// the next child added or removed raises NodeChildrenChanged (deleting the node raises NodeDeleted).</summary>
    /// <exception cref="ZooKeeperException">NoNode.</exception>
    public async Task<IReadOnlyList<string>> GetChildrenAsync(string path, bool watch = false, CancellationToken cancellationToken = default)
    {
        ValidatePath(path);
        var reply = await RequestAsync(OpCode.GetChildren, path, w => { w.WriteString(path); w.WriteBool(watch); }, cancellationToken);
        return reply.ReadStringVector();
    }

    /// <summary>
    /// The node's metadata, or null if there is no node. With <paramref name="watch"/> the watch is set either way:
    /// NodeCreated if it did not exist, otherwise NodeDataChanged or NodeDeleted.
    /// </summary>
    public async Task<Stat?> ExistsAsync(string path, bool watch = false, CancellationToken cancellationToken = default)
    {
        ValidatePath(path);
        var (error, reply) = await CallAsync(OpCode.Exists, path, w => { w.WriteString(path); w.WriteBool(watch); }, cancellationToken);
        return error switch
        {
            ZooKeeperErrorCode.Ok => Stat.Read(reply),
            ZooKeeperErrorCode.NoNode => null, // not an error for exists; the server still set the watch
            _ => throw new ZooKeeperException(error, path),
        };
    }

    /// <summary>Deletes a node if its version is <paramref name="version"/> (-1 = any version).</summary>
    /// <exception cref="ZooKeeperException">NoNode, BadVersion, NotEmpty (it has children).</exception>
    public async Task DeleteAsync(string path, int version = -1, CancellationToken cancellationToken = default)
    {
        ValidatePath(path);
        await RequestAsync(OpCode.Delete, path, w => { w.WriteString(path); w.WriteInt(version); }, cancellationToken);
    }

    /// <summary>Deletes a node and everything below it, if present (children first: ZooKeeper has no recursive delete).
    /// Not atomic: meant for cleaning up after an example.</summary>
    public async Task DeleteRecursiveAsync(string path, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> children;
        try
        {
            children = await GetChildrenAsync(path, cancellationToken: cancellationToken);
        }
        catch (ZooKeeperException e) when (e.Code == ZooKeeperErrorCode.NoNode)
        {
            return;
        }
        foreach (var child in children)
            await DeleteRecursiveAsync(path == "/" ? "/" + child : path + "/" + child, cancellationToken);
        try
        {
            await DeleteAsync(path, cancellationToken: cancellationToken);
        }
        catch (ZooKeeperException e) when (e.Code == ZooKeeperErrorCode.NoNode)
        {
        }
    }

    private static void ValidatePath(string path, bool sequential = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path[0] != '/')
            throw new ArgumentException($"ZooKeeper paths are absolute and start with '/': \"{path}\".", nameof(path));
        // A sequential name may end in '/': the server then names the node by its counter alone.
        if (path.Length > 1 && path[^1] == '/' && !sequential)
            throw new ArgumentException($"ZooKeeper paths do not end with '/': \"{path}\".", nameof(path));
        if (path.Contains("//", StringComparison.Ordinal))
            throw new ArgumentException($"ZooKeeper paths have no empty segments: \"{path}\".", nameof(path));
    }

    private static List<(string Host, int Port)> ParseConnectString(string connectString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectString);
        if (connectString.Contains('/'))
            throw new ArgumentException("A chroot suffix (\"host:port/path\") is not supported by this client.", nameof(connectString));
        var servers = new List<(string, int)>();
        foreach (var part in connectString.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.LastIndexOf(':');
            var host = colon < 0 || part.EndsWith(']') ? part : part[..colon];
            var port = colon < 0 || part.EndsWith(']') ? 2181 : int.Parse(part[(colon + 1)..]);
            servers.Add((host.Trim('[', ']'), port));
        }
        return servers;
    }
}

using System.Net;
using Course.Distributed.Raft;
using Course.Simulation;

namespace Course.Distributed.Transport;

/// <summary>
/// A real Raft cluster on this machine: 1–9 <see cref="RaftNode"/>s, each on its own <see cref="NodeHost{TMessage}"/>
/// (a thread, a loopback TCP port, a directory on disk). The node class is the one the simulator runs; here the
/// clock is real, the network is TCP, and a kill really closes sockets. Dispose it to stop everything and delete
/// the temp directory.
/// </summary>
/// <example>
/// <code>
/// await using var cluster = await RaftLocalCluster.StartAsync(3);
/// var leader = await cluster.WaitForLeaderAsync();
/// await cluster.ProposeAsync("x=1");
/// await cluster.KillAsync(leader.Node);
/// var next = await cluster.WaitForLeaderAsync(afterTerm: leader.Term);
/// await cluster.RestartAsync(leader.Node);
/// </code>
/// </example>
public sealed partial class RaftLocalCluster : IAsyncDisposable
{
    private readonly RaftLocalClusterOptions _options;
    private readonly Slot[] _slots;
    private readonly NodeId[] _ids;
    private readonly PeerDirectory _directory = new();
    private readonly ChangeSignal _changed = new();
    private readonly bool _ownsDirectory;
    private readonly int _seed;
    private bool _disposed;

    private RaftLocalCluster(int nodes, RaftLocalClusterOptions options)
    {
        _options = options;
        _seed = options.Seed ?? Random.Shared.Next();
        _ownsDirectory = options.Directory is null;
        Directory = options.Directory is { } dir
            ? System.IO.Directory.CreateDirectory(dir).FullName
            : System.IO.Directory.CreateTempSubdirectory("course-raft-").FullName;
        Events = new EventLog(options.EventCapacity);
        _ids = Enumerable.Range(0, nodes).Select(i => new NodeId(i)).ToArray();
        _slots = _ids.Select(id => new Slot(id, Path.Combine(Directory, id.ToString()), new AppliedLog(_changed))).ToArray();
    }

    /// <summary>Starts <paramref name="nodes"/> Raft nodes on loopback. Returns once all listen; elections follow on their own.</summary>
    public static async Task<RaftLocalCluster> StartAsync(int nodes = 3, RaftLocalClusterOptions? options = null)
    {
        if (nodes is < 1 or > 9) throw new ArgumentOutOfRangeException(nameof(nodes), nodes, "A local cluster has 1 to 9 nodes.");
        var cluster = new RaftLocalCluster(nodes, options ?? new RaftLocalClusterOptions());
        try
        {
            foreach (var slot in cluster._slots) cluster.Boot(slot);
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return cluster;
    }

    public int Size => _slots.Length;

    /// <summary>The cluster's directory: one sub-directory per node holds its durable state.</summary>
    public string Directory { get; }

    /// <summary>Every node's notes (role, commit) and every host's events (listening, links, kills), on one clock.</summary>
    public EventLog Events { get; }

    /// <summary>Time since the cluster started, on the clock the events use.</summary>
    public TimeSpan Elapsed => Events.Elapsed;

    public bool IsUp(int node) => SlotOf(node).Host is { IsRunning: true };

    /// <summary>The port a node listens on now (a restarted node gets a new one), or null while it is down.</summary>
    public IPEndPoint? EndPointOf(int node) => SlotOf(node).Host?.EndPoint;

    /// <summary>
    /// Kills a node like <c>kill -9</c>: its host stops at once, closing its listener and connections; messages
    /// in flight are lost. Its directory stays, so <see cref="RestartAsync"/> brings it back with its persisted state.
    /// </summary>
    public async Task KillAsync(int node)
    {
        var slot = SlotOf(node);
        NodeHost<RaftMessage>? host;
        lock (slot)
        {
            host = slot.Host;
            slot.Host = null;
            slot.Node = null;
        }
        if (host is null) return;
        Events.Record(slot.Id, "host", "killed");
        await host.StopAsync().ConfigureAwait(false);
        _changed.Pulse();
    }

    /// <summary>
    /// Restarts a killed (or crashed) node from its directory: a fresh <see cref="RaftNode"/> that loads its term, vote and log,
    /// and whose state machine (see <see cref="Applied"/>) starts empty and is rebuilt as commits reach it.
    /// </summary>
    public async Task RestartAsync(int node)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var slot = SlotOf(node);
        NodeHost<RaftMessage>? crashed;
        lock (slot)
        {
            if (slot.Host is { IsRunning: true }) throw new InvalidOperationException($"n{node} is running; kill it before restarting it.");
            crashed = slot.Host; // a node whose own code threw has stopped itself; clear it away first
            slot.Host = null;
            slot.Node = null;
            slot.Incarnation++;
            slot.Applied.Clear();
        }
        if (crashed is not null) await crashed.StopAsync().ConfigureAwait(false);
        Events.Record(slot.Id, "host", "restarted");
        Boot(slot);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await Task.WhenAll(_slots.Select(s => KillAsync(s.Id.Value))).ConfigureAwait(false);
        if (_ownsDirectory)
        {
            try { System.IO.Directory.Delete(Directory, recursive: true); }
            catch (IOException) { }
        }
    }

    private void Boot(Slot slot)
    {
        var node = new RaftNode(_options.Raft, slot.Applied.Apply);
        var host = NodeHost<RaftMessage>.Start(slot.Id, _ids, node, RaftMessageCodec.Instance, _directory, new NodeHostOptions
        {
            TickInterval = _options.TickInterval,
            StorageDirectory = slot.Directory,
            FlushToDisk = _options.FlushToDisk,
            Events = Events,
            Stats = slot.Stats,
            Seed = DeterministicRandom.DeriveSeed(_seed, slot.Id.Value, slot.Incarnation),
        });
        lock (slot)
        {
            slot.Host = host;
            slot.Node = node;
        }
        _changed.Pulse();
    }

    private Slot SlotOf(int node)
    {
        if (node < 0 || node >= _slots.Length)
            throw new ArgumentOutOfRangeException(nameof(node), node, $"The cluster has nodes 0..{_slots.Length - 1}.");
        return _slots[node];
    }

    /// <summary>One node's place in the cluster: its directory and counters outlive each incarnation.</summary>
    private sealed class Slot(NodeId id, string directory, AppliedLog applied)
    {
        public NodeId Id { get; } = id;
        public string Directory { get; } = directory;
        public AppliedLog Applied { get; } = applied;
        public TransportStats Stats { get; } = new();
        public NodeHost<RaftMessage>? Host { get; set; }
        public RaftNode? Node { get; set; }
        public int Incarnation { get; set; }
    }
}

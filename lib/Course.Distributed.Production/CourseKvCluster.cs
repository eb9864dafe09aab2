using Course.Distributed.Transport;

namespace Course.Distributed.Production;

/// <summary>
/// The key-value store on our Raft: <see cref="RaftLocalCluster"/> replicates "set key=value" commands and each
/// node's state is the fold of the commands it applied. Reads go to the leader's state machine without a read
/// barrier or lease, so a leader that was deposed a moment ago could still answer with a stale value.
/// </summary>
public sealed class CourseKvCluster : IKvCluster
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(5);

    private CourseKvCluster(RaftLocalCluster cluster) => Cluster = cluster;

    public static async Task<CourseKvCluster> StartAsync(int nodes = 3, RaftLocalClusterOptions? options = null) =>
        new(await RaftLocalCluster.StartAsync(nodes, options).ConfigureAwait(false));

    /// <summary>The Raft cluster underneath: events, traffic, logs, role timeline.</summary>
    public RaftLocalCluster Cluster { get; }

    public string Name => "Course Raft (RaftNode on NodeHost)";
    public int Size => Cluster.Size;
    public bool IsUp(int node) => Cluster.IsUp(node);

    public Task<LeaderInfo?> FindLeaderAsync() => Cluster.FindLeaderAsync();

    public Task<LeaderInfo> WaitForLeaderAsync(TimeSpan? timeout = null, long afterTerm = 0) => Cluster.WaitForLeaderAsync(timeout, afterTerm);

    public Task SetAsync(string key, string value, TimeSpan? timeout = null) =>
        Cluster.ProposeAsync(KvCommand.Set(key, value).ToText(), timeout ?? DefaultWait);

    public async Task<string?> GetAsync(string key, TimeSpan? timeout = null)
    {
        var leader = await Cluster.WaitForLeaderAsync(timeout ?? DefaultWait).ConfigureAwait(false);
        return StateOf(leader.Node).GetValueOrDefault(key);
    }

    public IReadOnlyDictionary<string, string> StateOf(int node)
    {
        var state = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var command in Cluster.AppliedCommands(node))
            if (KvCommand.Parse(command) is { } set) state[set.Key] = set.Value;
        return state;
    }

    public Task KillAsync(int node) => Cluster.KillAsync(node);
    public Task RestartAsync(int node) => Cluster.RestartAsync(node);
    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}

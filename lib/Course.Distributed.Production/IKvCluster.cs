using Course.Distributed.Transport;

namespace Course.Distributed.Production;

/// <summary>
/// A replicated key-value store on a 3-node loopback Raft cluster: the operations the comparison runs on ours
/// (<see cref="CourseKvCluster"/>) and on DotNext's (<see cref="DotNextKvCluster"/>), so both get the same scenario.
/// </summary>
public interface IKvCluster : IAsyncDisposable
{
    /// <summary>Which Raft runs underneath, for tables and plots.</summary>
    string Name { get; }

    int Size { get; }

    bool IsUp(int node);

    /// <summary>The leader now (a node that leads in the highest term any running node knows), or null.</summary>
    Task<LeaderInfo?> FindLeaderAsync();

    /// <summary>Waits (bounded) for a leader whose term is above <paramref name="afterTerm"/>.</summary>
    Task<LeaderInfo> WaitForLeaderAsync(TimeSpan? timeout = null, long afterTerm = 0);

    /// <summary>Writes through the leader and returns once the write is committed (bounded, retried across elections).</summary>
    Task SetAsync(string key, string value, TimeSpan? timeout = null);

    /// <summary>Reads <paramref name="key"/> from the leader's state machine (see each implementation for how fresh that is).</summary>
    Task<string?> GetAsync(string key, TimeSpan? timeout = null);

    /// <summary>A copy of one node's state machine, as it is now (empty while the node is down).</summary>
    IReadOnlyDictionary<string, string> StateOf(int node);

    /// <summary>Stops a node abruptly (its sockets close at once); its disk stays for <see cref="RestartAsync"/>.</summary>
    Task KillAsync(int node);

    /// <summary>Brings a killed node back from its disk on the same cluster.</summary>
    Task RestartAsync(int node);
}

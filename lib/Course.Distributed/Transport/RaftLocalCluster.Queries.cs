using System.Globalization;
using Course.Distributed.Raft;

namespace Course.Distributed.Transport;

public sealed partial class RaftLocalCluster
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(15); // generous: a loaded 2-core CI machine stalls threads

    /// <summary>What <paramref name="node"/> believes now, read on its own thread (so the fields are consistent).</summary>
    public async Task<RaftNodeStatus> StatusAsync(int node)
    {
        var slot = SlotOf(node);
        var (host, raft) = Running(slot);
        if (host is null || raft is null) return RaftNodeStatus.Down(node);
        try
        {
            return await CallAsync(host, () => new RaftNodeStatus(node, true, raft.Role, raft.CurrentTerm, raft.LeaderId?.Value, raft.CommitIndex, raft.Log.LastIndex)).ConfigureAwait(false);
        }
        catch (NodeDownException) { return RaftNodeStatus.Down(node); }
    }

    public async Task<IReadOnlyList<RaftNodeStatus>> StatusesAsync() =>
        await Task.WhenAll(_slots.Select(s => StatusAsync(s.Id.Value))).ConfigureAwait(false);

    /// <summary>
    /// The leader now, or null: a node in the Leader role whose term no running node has passed (an old leader
    /// that has not yet heard of a newer term does not count).
    /// </summary>
    public async Task<LeaderInfo?> FindLeaderAsync()
    {
        var statuses = await StatusesAsync().ConfigureAwait(false);
        var up = statuses.Where(s => s.IsUp).ToArray();
        if (up.Length == 0) return null;
        var maxTerm = up.Max(s => s.Term);
        return up.FirstOrDefault(s => s.Role == RaftRole.Leader && s.Term == maxTerm) is { } l ? new LeaderInfo(l.Node, l.Term) : null;
    }

    /// <summary>Waits (bounded; 5 s by default) for a leader whose term is above <paramref name="afterTerm"/>.</summary>
    public async Task<LeaderInfo> WaitForLeaderAsync(TimeSpan? timeout = null, long afterTerm = 0)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultWait);
        while (true)
        {
            if (await FindLeaderAsync().ConfigureAwait(false) is { } leader && leader.Term > afterTerm) return leader;
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"No leader with a term above {afterTerm} within {timeout ?? DefaultWait}.{Environment.NewLine}{Events.Tail()}");
            await Task.Delay(PollInterval).ConfigureAwait(false);
        }
    }

    /// <summary>A copy of <paramref name="node"/>'s log (entries after its snapshot), or empty while it is down.</summary>
    public async Task<IReadOnlyList<LogEntry>> LogAsync(int node)
    {
        var (host, raft) = Running(SlotOf(node));
        if (host is null || raft is null) return [];
        try { return await CallAsync(host, () => raft.Log.Entries.ToArray()).ConfigureAwait(false); }
        catch (NodeDownException) { return []; }
    }

    /// <summary>The committed entries <paramref name="node"/>'s state machine applied since it last started, in order.</summary>
    public IReadOnlyList<AppliedEntry> Applied(int node) => SlotOf(node).Applied.Entries();

    /// <summary>Just the commands of <see cref="Applied"/>.</summary>
    public IReadOnlyList<string> AppliedCommands(int node) => Applied(node).Select(e => e.Command).ToArray();

    /// <summary>Waits (bounded) until every running node has applied through <paramref name="index"/>; false on timeout.</summary>
    public Task<bool> WaitForAppliedAsync(long index, TimeSpan? timeout = null) =>
        WaitUntilAsync(() => _slots.Where(s => s.Host is { IsRunning: true }).All(s => s.Applied.LastIndex >= index), timeout ?? DefaultWait);

    /// <summary>Messages and bytes each node sent and received, over its whole life in the cluster.</summary>
    public TransportStats Stats(int node) => SlotOf(node).Stats;

    public IReadOnlyList<NodeTraffic> Traffic() =>
        _slots.Select(s => new NodeTraffic(s.Id.Value, s.Stats.Sent, s.Stats.Received, s.Stats.Dropped, s.Stats.BytesSent, s.Stats.BytesReceived, s.Stats.Connects)).ToArray();

    /// <summary>
    /// Every node's role over time, from its "role" notes and the cluster's kills: the data for a plot of roles
    /// and terms (a row per node, a colour per role).
    /// </summary>
    public IReadOnlyList<RoleChange> RoleTimeline()
    {
        var changes = new List<RoleChange>();
        var lastTerm = new long[Size];
        foreach (var e in Events.Snapshot())
        {
            var node = e.Node.Value;
            if (node < 0 || node >= Size) continue;
            if (e.Category == "role" && ParseRole(e.Detail) is { } role)
            {
                lastTerm[node] = role.Term;
                changes.Add(new RoleChange(e.At, node, role.Role, role.Term));
            }
            else if (e.Category == "host" && e.Detail == "killed")
                changes.Add(new RoleChange(e.At, node, "Down", lastTerm[node]));
        }
        return changes;
    }

    /// <summary>RaftNode notes its role as "Leader term=3".</summary>
    private static (string Role, long Term)? ParseRole(string detail)
    {
        var parts = detail.Split(' ', 2);
        return parts.Length == 2 && parts[1].StartsWith("term=", StringComparison.Ordinal)
            && long.TryParse(parts[1].AsSpan(5), NumberStyles.Integer, CultureInfo.InvariantCulture, out var term)
            ? (parts[0], term)
            : null;
    }

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);

    /// <summary>A node answers within this, or counts as down: a wedged node thread must not hang the caller.</summary>
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Runs <paramref name="action"/> on the node's thread, bounded by <see cref="CallTimeout"/>.</summary>
    private static async Task<T> CallAsync<T>(NodeHost<RaftMessage> host, Func<T> action)
    {
        try { return await host.InvokeAsync(action).WaitAsync(CallTimeout).ConfigureAwait(false); }
        catch (TimeoutException) { throw new NodeDownException(host.Id); }
    }

    private static (NodeHost<RaftMessage>? Host, RaftNode? Node) Running(Slot slot)
    {
        lock (slot) return (slot.Host, slot.Node);
    }

    /// <summary>Re-checks <paramref name="condition"/> on every change (apply, kill, restart) until it holds or time runs out.</summary>
    private async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var next = _changed.Next;
            if (condition()) return true;
            if (!await ChangeSignal.WaitAsync(next, deadline).ConfigureAwait(false)) return condition();
        }
    }
}

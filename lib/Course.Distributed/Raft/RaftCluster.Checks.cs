using Course.Simulation;

namespace Course.Distributed.Raft;

public sealed partial class RaftCluster
{
    /// <summary>
    /// Waits up to 5 s for exactly one leader among connected servers, checking that no term ever has two.
    /// Returns the leader of the newest term (config.go: checkOneLeader).
    /// </summary>
    public int CheckOneLeader()
    {
        for (var iteration = 0; iteration < 10; iteration++)
        {
            Sleep(450 + Random.Next(100));
            ThrowIfFailed();
            var leadersByTerm = new Dictionary<long, List<int>>();
            for (var i = 0; i < Servers; i++)
                if (IsUp(i) && IsConnected(i) && Node(i).IsLeader)
                    (leadersByTerm.TryGetValue(Node(i).CurrentTerm, out var l) ? l : leadersByTerm[Node(i).CurrentTerm] = []).Add(i);
            foreach (var (term, leaders) in leadersByTerm)
                if (leaders.Count > 1) Throw($"term {term} has {leaders.Count} leaders: {string.Join(", ", leaders)}");
            if (leadersByTerm.Count > 0) return leadersByTerm[leadersByTerm.Keys.Max()][0];
        }
        Throw("expected one leader, got none");
        return -1;
    }

    /// <summary>All connected servers agree on the current term (config.go: checkTerms).</summary>
    public long CheckTerms()
    {
        long term = -1;
        for (var i = 0; i < Servers; i++)
        {
            if (!IsUp(i) || !IsConnected(i)) continue;
            var t = Node(i).CurrentTerm;
            if (term == -1) term = t;
            else if (t != term) Throw($"servers disagree on term: {term} vs {t} (server {i})");
        }
        return term;
    }

    /// <summary>No connected server thinks it is the leader (config.go: checkNoLeader).</summary>
    public void CheckNoLeader()
    {
        for (var i = 0; i < Servers; i++)
            if (IsUp(i) && IsConnected(i) && Node(i).IsLeader)
                Throw($"expected no leader among connected servers, but server {i} claims to be one");
    }

    /// <summary>How many servers have applied index <paramref name="index"/>, and the command there.</summary>
    public (int Count, string? Command) NCommitted(long index)
    {
        ThrowIfFailed();
        var count = 0;
        string? command = null;
        for (var i = 0; i < Servers; i++)
        {
            if (!_applied[i].TryGetValue(index, out var v)) continue;
            if (count > 0 && v != command) Throw($"committed values do not match: index {index}, '{command}' vs '{v}'");
            count++;
            command = v;
        }
        return (count, command);
    }

    /// <summary>Proposes at whichever server claims to lead; returns its (index, term, isLeader).</summary>
    public (long Index, long Term, bool IsLeader) Propose(int server, string command) =>
        Simulation.Invoke<RaftNode, (long, long, bool)>(server, n => n.Propose(command));

    /// <summary>
    /// Submits <paramref name="command"/> until it commits on at least <paramref name="expectedServers"/>
    /// servers, trying every connected leader for up to 10 s (config.go: one). Returns its index.
    /// </summary>
    public long One(string command, int expectedServers, bool retry)
    {
        var deadline = Now + TimeSpan.FromSeconds(10);
        var starts = 0;
        while (Now < deadline)
        {
            long index = -1;
            for (var k = 0; k < Servers; k++)
            {
                starts = (starts + 1) % Servers;
                if (!IsUp(starts) || !IsConnected(starts)) continue;
                var (i, _, ok) = Propose(starts, command);
                if (ok) { index = i; break; }
            }
            if (index != -1)
            {
                // Somebody claimed to be the leader and to have submitted our command; wait a while for agreement.
                var waitUntil = Now + TimeSpan.FromSeconds(2);
                while (Now < waitUntil)
                {
                    var (count, cmd) = NCommitted(index);
                    if (count > 0 && count >= expectedServers && cmd == command) return index;
                    Sleep(20);
                }
                if (!retry) Throw($"one({command}) failed to reach agreement at index {index}");
            }
            else Sleep(50);
        }
        Throw($"one({command}) failed to reach agreement within 10 s");
        return -1;
    }

    /// <summary>Waits for at least <paramref name="n"/> servers to commit <paramref name="index"/>, unless the term moves on (config.go: wait).</summary>
    public string? Wait(long index, int n, long startTerm)
    {
        var pause = TimeSpan.FromMilliseconds(10);
        for (var iteration = 0; iteration < 30; iteration++)
        {
            var (count, _) = NCommitted(index);
            if (count >= n) break;
            Simulation.RunFor(pause);
            if (pause < TimeSpan.FromSeconds(1)) pause *= 2;
            if (startTerm > -1)
                for (var i = 0; i < Servers; i++)
                    if (IsUp(i) && Node(i).CurrentTerm > startTerm) return null; // someone moved on; can't expect a commit
        }
        var (final, command) = NCommitted(index);
        if (final < n) Throw($"only {final} servers decided index {index}; wanted {n}");
        return command;
    }

    /// <summary>Requests sent (not replies): 6.5840's rpcCount counts RPC calls.</summary>
    public long RpcTotal => Simulation.Stats.SentOfKind(nameof(RequestVote)) + Simulation.Stats.SentOfKind(nameof(AppendEntries)) + Simulation.Stats.SentOfKind(nameof(InstallSnapshot));

    /// <summary>Bytes of every message sent.</summary>
    public long BytesTotal => Simulation.Stats.BytesSent;

    /// <summary>The largest persisted Raft state (without snapshots) of any server.</summary>
    public long MaxPersistedStateSize => Enumerable.Range(0, Servers).Max(i => Simulation.StorageOf(i).SizeOf(RaftPersistence.StateKey));
}

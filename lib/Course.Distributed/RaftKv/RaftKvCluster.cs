using Course.Distributed.Linearizability;
using Course.Distributed.Raft;
using Course.Simulation;

namespace Course.Distributed.RaftKv;

/// <summary>What a key/value run produced: the client history, the verdict of the linearizability checker, counts.</summary>
public sealed record KvRunResult(
    int Seed,
    IReadOnlyList<KvOperationRecord> History,
    LinearizabilityResult<KeyValueInput, string?> Linearizability,
    int Completed,
    int Pending,
    long Retries,
    NetworkStats Network)
{
    public bool IsLinearizable => Linearizability.Outcome == CheckOutcome.Ok;
}

/// <summary>
/// Key/value servers on Raft plus closed-loop clients in one simulation: the 6.5840 lab 4 test harness.
/// Clients record what they saw; <see cref="Check"/> hands that history to the linearizability checker.
/// </summary>
public sealed class RaftKvCluster
{
    private readonly List<NodeId> _servers = [];
    private readonly List<NodeId> _clerks = [];

    public RaftKvCluster(int servers, int clients, int seed, bool reliable = true, long maxRaftState = -1, RaftOptions? options = null, KvReadMode readMode = KvReadMode.Log)
    {
        if (servers < 1) throw new ArgumentOutOfRangeException(nameof(servers), servers, "A cluster needs at least one server.");
        if (clients < 0) throw new ArgumentOutOfRangeException(nameof(clients), clients, "clients must not be negative.");
        Seed = seed;
        Random = new Random(DeterministicRandom.DeriveSeed(seed, -3));
        Simulation = new Simulation<KvMessage>(seed, new SimulationOptions
        {
            Network = reliable ? NetworkConditions.Reliable : NetworkConditions.Unreliable,
            TraceMessages = false,
        });
        for (var i = 0; i < servers; i++) _servers.Add(Simulation.AddNode(_ => new KvServer(options, maxRaftState) { ReadMode = readMode }));
        for (var i = 0; i < clients; i++) _clerks.Add(Simulation.AddNode(_ => new KvClerk(_servers) { ReadFromAnyReplica = readMode == KvReadMode.LocalUnsafe }, isClient: true));
    }

    public int Seed { get; }
    public Random Random { get; }
    public Simulation<KvMessage> Simulation { get; }
    public IReadOnlyList<NodeId> Servers => _servers;
    public IReadOnlyList<NodeId> Clients => _clerks;

    public KvServer Server(int i) => Simulation.Node<KvServer>(_servers[i]);
    public KvClerk Clerk(int i) => Simulation.Node<KvClerk>(_clerks[i]);

    /// <summary>
    /// Each client runs a closed loop of random Get/Put/Append operations over <paramref name="keys"/> keys until
    /// <see cref="StopWorkload"/>. Appended values are unique, so a duplicate apply shows up in the state.
    /// </summary>
    public void StartWorkload(int keys = 5)
    {
        if (keys < 1) throw new ArgumentOutOfRangeException(nameof(keys), keys, "keys must be at least 1.");
        _stopped = false;
        for (var c = 0; c < _clerks.Count; c++)
        {
            var clerk = Clerk(c);
            var n = 0;
            void Next(KvClerk k)
            {
                if (_stopped) return;
                var key = $"k{Random.Next(keys)}";
                var roll = Random.Next(10);
                if (roll < 4) k.Submit(KvOp.Get, key);
                else if (roll < 6) k.Submit(KvOp.Put, key, $"p{k.ClientId % 1000}.{n++};");
                else k.Submit(KvOp.Append, key, $"a{k.ClientId % 1000}.{n++};");
            }
            clerk.OnCompleted = Next;
            Next(clerk);
        }
    }

    private bool _stopped;

    public void StopWorkload() => _stopped = true;

    /// <summary>Waits (bounded) until every client has finished its last operation.</summary>
    public bool WaitForClients(TimeSpan budget) =>
        Simulation.RunUntil(() => Enumerable.Range(0, _clerks.Count).All(i => Clerk(i).Idle), budget);

    public KvRunResult Check(TimeSpan? checkerTimeout = null)
    {
        var records = Enumerable.Range(0, _clerks.Count).SelectMany(i => Clerk(i).HistoryWithPending()).ToArray();
        var lane = Enumerable.Range(0, _clerks.Count).ToDictionary(i => Clerk(i).ClientId, i => i);
        var operations = records.Select(r => new Operation<KeyValueInput, string?>(
            lane[r.ClientId],
            r.Op switch
            {
                KvOp.Get => KeyValueInput.Get(r.Key),
                KvOp.Put => KeyValueInput.Put(r.Key, r.Value),
                _ => KeyValueInput.Append(r.Key, r.Value),
            },
            r.Op == KvOp.Append ? null : r.Result, // our Append returns nothing (the model then skips its output)
            r.Call,
            r.Return ?? Timeout.InfiniteTimeSpan)).ToArray();
        var verdict = LinearizabilityChecker.Check(new KeyValueModel(), operations, checkerTimeout ?? TimeSpan.FromSeconds(10));
        var retries = Enumerable.Range(0, _clerks.Count).Sum(i => (long)Clerk(i).Retries);
        return new KvRunResult(Seed, records, verdict, records.Count(r => r.Return is not null), records.Count(r => r.Return is null), retries, Simulation.Stats);
    }
}

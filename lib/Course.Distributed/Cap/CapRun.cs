using Course.Distributed.Linearizability;
using Course.Simulation;

namespace Course.Distributed.Cap;

/// <summary>
/// One store in one simulation: datacenter d holds replica d and its clients, a partition cuts whole
/// datacenters off, the workload is replayed at its times. After the workload the network heals, the run
/// settles, and a probe client reads every key through the store (Jepsen's "final read").
/// </summary>
internal sealed class CapRun
{
    private readonly CapSystemKind _system;
    private readonly CapExperimentOptions _options;
    private readonly PartitionSchedule _schedule;
    private readonly IReadOnlyList<WorkloadRequest> _requests;
    private readonly Simulation<CapMessage> _simulation;
    private readonly List<NodeId> _replicas = [];
    private readonly List<NodeId> _clients = [];
    private readonly NodeId _probe;

    public CapRun(CapSystemKind system, CapExperimentOptions options, PartitionSchedule schedule,
        IReadOnlyList<WorkloadRequest> requests, IReadOnlyList<TimeSpan> clockOffsets)
    {
        _system = system;
        _options = options;
        _schedule = schedule;
        _requests = requests;
        _simulation = new Simulation<CapMessage>(options.Seed, new SimulationOptions
        {
            Network = options.Network,
            TraceMessages = false,
            TraceCapacity = 10_000,
        });
        var antiEntropyTicks = Math.Max(1, (int)Math.Ceiling(options.AntiEntropyInterval / _simulation.Options.TickInterval));
        for (var i = 0; i < options.Replicas; i++)
        {
            var offset = clockOffsets[i];
            _replicas.Add(_simulation.AddNode(_ => system switch
            {
                CapSystemKind.Cp => new AbdReplica(options.QuorumTimeout),
                CapSystemKind.ApLastWriterWins => new LwwReplica(antiEntropyTicks, offset),
                _ => (INode<CapMessage>)new VersionVectorReplica(antiEntropyTicks),
            }));
        }
        for (var c = 0; c < options.Clients; c++)
        {
            var (index, preference) = (c, Preference(c / options.ClientsPerReplica));
            _clients.Add(_simulation.AddNode(_ => new CapClient(index, preference, options.Deadline, options.Failover), isClient: true));
        }
        _probe = _simulation.AddNode(_ => new CapClient(options.Clients, Preference(0), options.Deadline, options.Failover), isClient: true);
    }

    public CapSystemReport Execute()
    {
        foreach (var window in _schedule.Windows)
        {
            var groups = SidesOf(window);
            _simulation.Schedule(window.Start, () => _simulation.Partition(groups.Cut, groups.Others));
            _simulation.Schedule(window.End, _simulation.Heal);
        }
        foreach (var request in _requests)
            _simulation.Schedule(request.At, () => Client(_clients[request.Client]).Submit(request));

        _simulation.RunFor(_options.Duration);
        _simulation.Heal();
        _simulation.RunFor(_options.SettleTime);
        foreach (var client in _clients) Client(client).Abandon();
        if (_system != CapSystemKind.Cp)
            _simulation.RunUntil(ReplicasAgree, TimeSpan.FromSeconds(10)); // anti-entropy: give it time to converge
        var agree = ReplicasAgree();
        var finalReads = FinalReads();
        var finalValues = finalReads.ToDictionary(r => r.Key, r => r.Values, StringComparer.Ordinal);

        var records = _clients.SelectMany(c => Client(c).Records).OrderBy(r => r.Id).ToArray();
        var answered = records.Count(r => r.IsOk);
        return new CapSystemReport(
            _system,
            records.Length,
            answered,
            records.Count(r => r.Outcome == RequestOutcome.Refused),
            records.Count(r => r.Outcome == RequestOutcome.TimedOut),
            ConsistencyAudit.Of(records, finalReads),
            LinearizabilityChecker.Check(new KeyValueModel(), CapHistory.From(records), _options.CheckerTimeout),
            LatencySummary.Of(records.Where(r => r.IsOk).Select(r => r.Latency)),
            AvailabilityBucket.Series(records, _options.Duration, _options.BucketWidth, _schedule),
            records,
            finalValues,
            agree,
            _simulation.Stats);
    }

    // Its own datacenter's replica first, then the others around the ring.
    private NodeId[] Preference(int datacenter) =>
        Enumerable.Range(0, _options.Replicas).Select(k => new NodeId((datacenter + k) % _options.Replicas)).ToArray();

    private int DatacenterOf(NodeId node) =>
        node.Value < _options.Replicas ? node.Value
        : node == _probe ? 0
        : (node.Value - _options.Replicas) / _options.ClientsPerReplica;

    private (NodeId[] Cut, NodeId[] Others) SidesOf(PartitionWindow window)
    {
        var nodes = _simulation.Nodes;
        return (nodes.Where(n => window.IsMinority(DatacenterOf(n))).ToArray(), nodes.Where(n => !window.IsMinority(DatacenterOf(n))).ToArray());
    }

    private CapClient Client(NodeId id) => _simulation.Node<CapClient>(id);

    private bool ReplicasAgree() =>
        _replicas.Select(r => _simulation.Node<ICapReplica>(r).StateDigest()).Distinct(StringComparer.Ordinal).Count() == 1;

    /// <summary>Reads every key once more through the healed store, retrying a few times if a read is not answered.</summary>
    private IReadOnlyList<CapRequestRecord> FinalReads()
    {
        var probe = Client(_probe);
        var keys = _requests.Select(r => r.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var final = new SortedDictionary<string, CapRequestRecord>(StringComparer.Ordinal);
        long id = 0;
        for (var attempt = 0; attempt < 10 && final.Count < keys.Length; attempt++)
        {
            foreach (var key in keys.Where(k => !final.ContainsKey(k)))
                probe.Submit(new WorkloadRequest(++id, _options.Clients, _simulation.Now, CapOperation.Read, key, ""));
            _simulation.RunUntil(() => probe.Idle, _options.Deadline + TimeSpan.FromSeconds(1));
            probe.Abandon();
            foreach (var r in probe.Records.Where(r => r.IsOk)) final.TryAdd(r.Key, r);
        }
        if (final.Count < keys.Length)
            throw new InvalidOperationException(
                $"{_system}: the final reads of {string.Join(", ", keys.Where(k => !final.ContainsKey(k)))} went unanswered ten times after the network healed (seed {_options.Seed}).");
        return final.Values.ToArray();
    }
}

using static Course.Simulation.Guard;
using Course.Simulation;

namespace Course.Distributed.Cap;

/// <summary>
/// The knobs of a CAP experiment; every one has a default that shows the effect in a few seconds of virtual
/// time. Datacenter d holds replica d and <see cref="ClientsPerReplica"/> clients. Bad values throw an
/// <see cref="ArgumentException"/> naming the property.
/// </summary>
public sealed record CapExperimentOptions
{
    /// <summary>Seeds the workload, the partition schedule, the clocks and the network: same seed, same numbers.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>N, the number of replicas (and datacenters).</summary>
    public int Replicas { get; init => field = AtLeast(value, 1, nameof(Replicas)); } = 3;

    public int ClientsPerReplica { get; init => field = AtLeast(value, 1, nameof(ClientsPerReplica)); } = 2;

    /// <summary>How many keys the clients share: fewer keys, more conflicts.</summary>
    public int Keys { get; init => field = AtLeast(value, 1, nameof(Keys)); } = 4;

    /// <summary>How long clients send requests (virtual time).</summary>
    public TimeSpan Duration { get; init => field = Positive(value, nameof(Duration)); } = TimeSpan.FromSeconds(12);

    /// <summary>Mean time between two requests of one client (Poisson arrivals).</summary>
    public TimeSpan MeanRequestInterval { get; init => field = Positive(value, nameof(MeanRequestInterval)); } = TimeSpan.FromMilliseconds(100);

    /// <summary>Probability that a request is a write rather than a read.</summary>
    public double WriteFraction
    {
        get;
        init => field = Probability(value, nameof(WriteFraction));
    } = 0.5;

    /// <summary>A request not answered within this time counts as unanswered (the "A" of CAP is about this deadline).</summary>
    public TimeSpan Deadline { get; init => field = Positive(value, nameof(Deadline)); } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a CP coordinator waits for a majority before refusing.</summary>
    public TimeSpan QuorumTimeout { get; init => field = Positive(value, nameof(QuorumTimeout)); } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Whether a client whose replica refuses tries the next one. Off by default: in the default schedule a
    /// client is cut off together with its replica, so the next one is out of reach anyway, and a write sent
    /// into a partition may or may not have landed — the linearizability checker must then try both, and
    /// many such writes make its search exponential.
    /// </summary>
    public bool Failover { get; init; }

    /// <summary>How often an AP replica starts an anti-entropy round with a random peer.</summary>
    public TimeSpan AntiEntropyInterval { get; init => field = Positive(value, nameof(AntiEntropyInterval)); } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Largest offset of a replica's clock from true time; each replica's offset is uniform in [−skew, +skew].
    /// Only last-writer-wins reads clocks, and skew is what lets it drop a later write.
    /// </summary>
    public TimeSpan ClockSkew { get; init => field = NonNegative(value, nameof(ClockSkew)); } = TimeSpan.FromMilliseconds(50);

    /// <summary>Mean healthy time between two partitions (for the random schedule).</summary>
    public TimeSpan HealthyLength { get; init => field = Positive(value, nameof(HealthyLength)); } = TimeSpan.FromSeconds(2);

    /// <summary>Mean length of a partition (for the random schedule).</summary>
    public TimeSpan PartitionLength { get; init => field = Positive(value, nameof(PartitionLength)); } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The partitions. Null: a random schedule from <see cref="Seed"/>, <see cref="HealthyLength"/> and
    /// <see cref="PartitionLength"/>; <see cref="PartitionSchedule.None"/> for a network that never splits.
    /// </summary>
    public PartitionSchedule? Schedule { get; init; }

    /// <summary>After the workload: the network heals and the run goes on this long, so answers arrive and replicas converge.</summary>
    public TimeSpan SettleTime { get; init => field = NonNegative(value, nameof(SettleTime)); } = TimeSpan.FromSeconds(2);

    /// <summary>Width of one bucket of the availability time series.</summary>
    public TimeSpan BucketWidth { get; init => field = Positive(value, nameof(BucketWidth)); } = TimeSpan.FromMilliseconds(100);

    /// <summary>Latency, loss and duplication of the links (the partitions come on top).</summary>
    public NetworkConditions Network { get; init => field = value ?? throw new ArgumentNullException(nameof(Network)); } = NetworkConditions.Reliable;

    /// <summary>Time budget of the linearizability check, per system.</summary>
    public TimeSpan CheckerTimeout
    {
        get;
        init => field = value > TimeSpan.Zero || value == Timeout.InfiniteTimeSpan
            ? value
            : throw new ArgumentOutOfRangeException(nameof(CheckerTimeout), value, "CheckerTimeout must be positive (or Timeout.InfiniteTimeSpan).");
    } = TimeSpan.FromSeconds(10);

    /// <summary>Each replica's clock offset, one per replica; null draws them from <see cref="ClockSkew"/> and the seed.</summary>
    public IReadOnlyList<TimeSpan>? ClockOffsets { get; init; }

    /// <summary>The requests to send; null generates them from the seed and the workload knobs above.</summary>
    public IReadOnlyList<WorkloadRequest>? Requests { get; init; }

    public int Clients => Replicas * ClientsPerReplica;

    /// <summary>The requests this run sends: <see cref="Requests"/>, or the random workload from the seed.</summary>
    public IReadOnlyList<WorkloadRequest> ResolveRequests()
    {
        if (Requests is null) return Workload.Generate(Seed, Clients, Keys, Duration, MeanRequestInterval, WriteFraction);
        if (Requests.Any(r => r is null || r.Client < 0 || r.Client >= Clients || r.At < TimeSpan.Zero || r.Key is null || r.Value is null))
            throw new ArgumentException($"Every request needs a client in 0..{Clients - 1}, a time that is not negative, a key and a value.", nameof(Requests));
        if (Requests.Select(r => r.Id).Distinct().Count() != Requests.Count)
            throw new ArgumentException("Request ids must be unique.", nameof(Requests));
        if (Requests.Where(r => r.Operation == CapOperation.Write).GroupBy(r => r.Value).Any(g => g.Count() > 1 || g.Key.Length == 0))
            throw new ArgumentException("Every write must write a value of its own (not empty), so a read names the write it saw.", nameof(Requests));
        return Requests;
    }

    /// <summary>The replicas' clock offsets this run uses: <see cref="ClockOffsets"/>, or random ones within <see cref="ClockSkew"/>.</summary>
    public IReadOnlyList<TimeSpan> ResolveClockOffsets()
    {
        if (ClockOffsets is not null)
            return ClockOffsets.Count == Replicas
                ? ClockOffsets
                : throw new ArgumentException($"ClockOffsets has {ClockOffsets.Count} entries for {Replicas} replicas.", nameof(ClockOffsets));
        var random = new Random(DeterministicRandom.DeriveSeed(Seed, 3));
        return Enumerable.Range(0, Replicas).Select(_ => ClockSkew * (2 * random.NextDouble() - 1)).ToArray();
    }

    /// <summary>The schedule this run uses: <see cref="Schedule"/>, or the random one from the seed.</summary>
    public PartitionSchedule ResolveSchedule()
    {
        var schedule = Schedule ?? PartitionSchedule.Random(Seed, Replicas, Duration, HealthyLength, PartitionLength);
        var bad = schedule.Windows.FirstOrDefault(w => w.Minority.Any(d => d >= Replicas));
        if (bad is not null) throw new ArgumentException($"The window {bad} names a datacenter this run does not have (dc0..dc{Replicas - 1}).", nameof(Schedule));
        return schedule;
    }
}

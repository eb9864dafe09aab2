using System.Collections.Concurrent;
using Confluent.Kafka;
using Course.Infrastructure;
using Course.Simulation;

namespace Course.Coordination;

/// <summary>
/// K consumers in one consumer group, each on its own thread, for watching Kafka share out partitions.
/// Every member processes a message (records it in <see cref="GroupMember.Consumed"/> and calls the optional
/// handler) and THEN commits its offset (synchronously), so a member that leaves has committed everything it
/// processed and the partition's next owner starts right after it: each message is processed once per group.
/// (A member that crashes between processing and committing would make the next owner process that message again:
/// committing after processing is at-least-once in general.)
/// </summary>
/// <example>
/// await using var group = ConsumerGroup.Start(kafka.Address, "orders", "billing", consumers: 3);
/// await group.WaitUntilAsync(g => g.Members.All(m => m.Assignment.Count > 0), TimeSpan.FromSeconds(20));
/// await group.StopMemberAsync("billing-1");   // leaves the group: a rebalance hands its partitions to the others
/// </example>
public sealed class ConsumerGroup : IAsyncDisposable
{
    private readonly List<GroupMember> _members = [];
    private readonly string _bootstrapServers;
    private readonly Action<Consumed>? _process;
    private readonly long _started = Environment.TickCount64;
    private int _nextMember;

    private ConsumerGroup(string bootstrapServers, string topic, string groupId, Action<Consumed>? process)
    {
        _bootstrapServers = bootstrapServers;
        Topic = topic;
        GroupId = groupId;
        _process = process;
    }

    /// <summary>Starts <paramref name="consumers"/> members of <paramref name="groupId"/> subscribed to <paramref name="topic"/>.
    /// A new group starts from the earliest offset; an existing one from its committed offsets.</summary>
    /// <param name="process">Called for each message before its offset is committed (on the member's thread).</param>
    public static ConsumerGroup Start(string bootstrapServers, string topic, string groupId, int consumers, Action<Consumed>? process = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapServers);
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        ArgumentOutOfRangeException.ThrowIfLessThan(consumers, 1);
        KafkaNativeLibrary.EnsureLoaded();
        var group = new ConsumerGroup(bootstrapServers, topic, groupId, process);
        for (var i = 0; i < consumers; i++) group.AddMember();
        return group;
    }

    public string Topic { get; }
    public string GroupId { get; }

    /// <summary>Every member started so far, including stopped ones.</summary>
    public IReadOnlyList<GroupMember> Members { get { lock (_members) return _members.ToList(); } }

    /// <summary>Everything any member processed, in no particular order across members.</summary>
    public IReadOnlyList<Consumed> AllConsumed => Members.SelectMany(m => m.Consumed).ToList();

    /// <summary>Assignment changes of all members, as "t+1.2s billing-0 assigned [0,1]" lines, in time order since the group started.</summary>
    public IReadOnlyList<string> History => Members.SelectMany(m => m.History).OrderBy(h => h.At).Select(h => h.ToString()).ToList();

    /// <summary>Adds one more member (a rebalance follows).</summary>
    public GroupMember AddMember()
    {
        var member = new GroupMember($"{GroupId}-{Interlocked.Increment(ref _nextMember) - 1}", _bootstrapServers, Topic, GroupId, _process, _started);
        lock (_members) _members.Add(member);
        return member;
    }

    /// <summary>Stops one member: it closes its consumer, leaving the group (its partitions go to the others).</summary>
    public Task StopMemberAsync(string name) => Members.Single(m => m.Name == name).StopAsync();

    /// <summary>Polls <paramref name="condition"/> every 100 ms; throws <see cref="TimeoutException"/> if it is not met in time.</summary>
    public async Task WaitUntilAsync(Func<ConsumerGroup, bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (!await Eventually.TrueAsync(() => condition(this), timeout, TimeSpan.FromMilliseconds(100), cancellationToken))
            throw new TimeoutException($"consumer group {GroupId}: condition not met within {timeout.TotalSeconds:0.#} s. History:\n{string.Join("\n", History)}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var member in Members) await member.StopAsync();
    }
}

/// <summary>One consumer of a <see cref="ConsumerGroup"/>.</summary>
public sealed class GroupMember
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly ConcurrentQueue<Consumed> _consumed = new();
    private readonly ConcurrentQueue<AssignmentChange> _history = new();
    private readonly long _started;
    private volatile int[] _assignment = [];
    private int _commitFailures;

    internal GroupMember(string name, string bootstrapServers, string topic, string groupId, Action<Consumed>? process, long startedAt)
    {
        Name = name;
        _started = startedAt;
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = groupId,
            ClientId = name,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,          // we commit ourselves, after processing
            SessionTimeoutMs = 6000,
            HeartbeatIntervalMs = 500,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.RoundRobin,
        };
        _loop = Task.Factory.StartNew(() => Run(config, topic, process), TaskCreationOptions.LongRunning);
    }

    public string Name { get; }

    /// <summary>Partitions this member owns now.</summary>
    public IReadOnlyList<int> Assignment => _assignment;

    /// <summary>What this member processed, in the order it did.</summary>
    public IReadOnlyList<Consumed> Consumed => _consumed.ToArray();

    public IReadOnlyList<AssignmentChange> History => _history.ToArray();

    /// <summary>Commits that failed (the message was processed but its offset not recorded: it would be processed again).</summary>
    public int CommitFailures => Volatile.Read(ref _commitFailures);

    public bool IsStopped => _loop.IsCompleted;

    /// <summary>The first error that ended this member's loop, if any.</summary>
    public Exception? Error => _loop.Exception?.InnerException;

    internal async Task StopAsync()
    {
        _stop.Cancel();
        try { await _loop.WaitAsync(TimeSpan.FromSeconds(15)); }
        catch (Exception e) when (e is not TimeoutException) { /* reported through Error */ }
    }

    public override string ToString() => $"{Name}: partitions [{string.Join(",", Assignment)}], {_consumed.Count} consumed";

    private void Run(ConsumerConfig config, string topic, Action<Consumed>? process)
    {
        using var consumer = new ConsumerBuilder<string, string>(config)
            .SetPartitionsAssignedHandler((_, partitions) => Record("assigned", partitions.Select(p => p.Partition.Value)))
            .SetPartitionsRevokedHandler((_, partitions) => Record("revoked", []))
            .SetPartitionsLostHandler((_, partitions) => Record("lost", []))
            .Build();
        consumer.Subscribe(topic);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (result is null || result.IsPartitionEOF) continue;
                var message = new Consumed(Name, result.Message.Key, result.Message.Value, result.Partition.Value, result.Offset.Value);
                process?.Invoke(message);            // 1. process
                _consumed.Enqueue(message);
                try { consumer.Commit(result); }     // 2. then commit (offset + 1 is stored as "next to read")
                catch (KafkaException) { Interlocked.Increment(ref _commitFailures); }
            }
        }
        finally
        {
            consumer.Close(); // leaves the group now, instead of after the session timeout
            Record("closed", []);
        }
    }

    private void Record(string what, IEnumerable<int> partitions)
    {
        var now = partitions.Order().ToArray();
        _assignment = now;
        _history.Enqueue(new AssignmentChange(TimeSpan.FromMilliseconds(Environment.TickCount64 - _started), Name, what, now));
    }
}

/// <summary>One assignment change of a group member (time since the group started).</summary>
public sealed record AssignmentChange(TimeSpan At, string Member, string What, IReadOnlyList<int> Partitions)
{
    public override string ToString() => $"t+{At.TotalSeconds:0.0}s {Member} {What} [{string.Join(",", Partitions)}]";
}

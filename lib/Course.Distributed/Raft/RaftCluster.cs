using Course.Simulation;

namespace Course.Distributed.Raft;

/// <summary>
/// A Raft cluster in the simulator with the checks of MIT 6.5840's test harness (config.go): every applied
/// command is compared across servers at its index, leaders are counted per term, and helpers such as
/// <see cref="One"/> submit a command and wait for agreement. Scenarios, tests, notebooks and the exercise
/// checker all drive Raft through this class.
/// </summary>
public sealed partial class RaftCluster
{
    private readonly Dictionary<long, string>[] _applied;
    private readonly long[] _lastAppliedSeen;
    private readonly List<string> _applyErrors = [];
    private readonly RaftOptions _options;
    private readonly int _snapshotInterval;

    public RaftCluster(int servers, int seed, bool reliable = true, bool snapshots = false, RaftOptions? options = null, bool traceMessages = false)
    {
        if (servers < 1) throw new ArgumentOutOfRangeException(nameof(servers), servers, "A cluster needs at least one server.");
        if (servers > 15) throw new ArgumentOutOfRangeException(nameof(servers), servers, "The simulator's Raft harness supports up to 15 servers.");
        Seed = seed;
        _options = options ?? new RaftOptions();
        _snapshotInterval = snapshots ? 10 : 0;
        Simulation = new Simulation<RaftMessage>(seed, new SimulationOptions
        {
            Network = reliable ? NetworkConditions.Reliable : NetworkConditions.Unreliable,
            TraceMessages = traceMessages,
        });
        Random = new Random(DeterministicRandom.DeriveSeed(seed, -2));
        _observers?.Add(this);
        _applied = new Dictionary<long, string>[servers];
        _lastAppliedSeen = new long[servers];
        for (var i = 0; i < servers; i++)
        {
            _applied[i] = [];
            var server = i;
            Simulation.AddNode(_ => new RaftNode(_options, msg => OnApply(server, msg)));
        }
    }

    public int Seed { get; }

    [ThreadStatic] private static List<RaftCluster>? _observers;

    /// <summary>
    /// Collects every cluster created on this thread until disposed: how a benchmark or a notebook learns how
    /// much virtual time a scenario simulated without changing the scenario.
    /// </summary>
    public static IDisposable Observe(List<RaftCluster> sink)
    {
        var previous = _observers;
        _observers = sink;
        return new Restore(() => _observers = previous);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    /// <summary>The harness's own randomness (commands, victims, sleeps), derived from the seed.</summary>
    public Random Random { get; private set; } = new(0);
    public int Servers => _applied.Length;
    public Simulation<RaftMessage> Simulation { get; }
    public TimeSpan Now => Simulation.Now;

    public RaftNode Node(int server) => Simulation.Node<RaftNode>(server);
    public bool IsUp(int server) => Simulation.IsUp(server);
    public bool IsConnected(int server) => Simulation.IsConnected(server);

    /// <summary>Commands applied by <paramref name="server"/>, by index (what its state machine saw).</summary>
    public IReadOnlyDictionary<long, string> Applied(int server) => _applied[server];

    // ---- faults (6.5840: disconnect, connect, crash1, start1, setunreliable, setlongreordering) ----

    public void Disconnect(int server) => Simulation.Disconnect(server);
    public void Connect(int server) => Simulation.Connect(server);

    /// <summary>Crashes a server: it keeps only what it persisted.</summary>
    public void Crash(int server) => Simulation.Crash(server);

    /// <summary>Restarts a crashed server; its state machine starts empty and is rebuilt from snapshot and log.</summary>
    public void Restart(int server)
    {
        _applied[server].Clear();
        _lastAppliedSeen[server] = 0;
        Simulation.Restart(server);
    }

    public void SetReliable(bool reliable) =>
        Simulation.Network = reliable ? NetworkConditions.Reliable : NetworkConditions.Unreliable;

    /// <summary>6.5840's long reordering: some messages are held for up to seconds and arrive very late.</summary>
    public void SetLongReordering(bool on) =>
        Simulation.Network = Simulation.Network with { LongDelayProbability = on ? 0.3 : 0, LongDelay = TimeSpan.FromMilliseconds(on ? 2500 : 2000) };

    public void Sleep(TimeSpan duration) => Simulation.RunFor(duration);
    public void Sleep(int milliseconds) => Simulation.RunFor(TimeSpan.FromMilliseconds(milliseconds));

    // ---- the service above each Raft node: records applies and checks them (config.go: applier/applierSnap) ----

    private void OnApply(int server, ApplyMsg msg)
    {
        switch (msg)
        {
            case ApplyMsg.Command c:
                if (c.Index != _lastAppliedSeen[server] + 1)
                    Fail($"server {server} applied index {c.Index} out of order (expected {_lastAppliedSeen[server] + 1})");
                _lastAppliedSeen[server] = c.Index;
                CheckAgreement(server, c.Index, c.Value);
                _applied[server][c.Index] = c.Value;
                if (_snapshotInterval > 0 && (c.Index + 1) % _snapshotInterval == 0)
                    Node(server).Snapshot(c.Index, EncodeSnapshot(server, c.Index));
                break;
            case ApplyMsg.Snapshot s:
                var restored = DecodeSnapshot(s.Data, out var lastIndex);
                if (lastIndex != s.Index) Fail($"server {server}: snapshot claims index {s.Index} but holds {lastIndex}");
                _applied[server].Clear();
                foreach (var (index, value) in restored)
                {
                    CheckAgreement(server, index, value);
                    _applied[server][index] = value;
                }
                _lastAppliedSeen[server] = s.Index;
                break;
        }
    }

    private void CheckAgreement(int server, long index, string value)
    {
        for (var other = 0; other < Servers; other++)
            if (_applied[other].TryGetValue(index, out var theirs) && theirs != value)
                Fail($"commit index={index} server={server} '{value}' != server={other} '{theirs}'");
    }

    private byte[] EncodeSnapshot(int server, long throughIndex)
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer))
        {
            w.Write(throughIndex);
            for (var i = 1L; i <= throughIndex; i++) w.Write(_applied[server].TryGetValue(i, out var v) ? v : "");
        }
        return buffer.ToArray();
    }

    private static List<(long Index, string Value)> DecodeSnapshot(byte[] data, out long lastIndex)
    {
        using var r = new BinaryReader(new MemoryStream(data));
        lastIndex = r.ReadInt64();
        var result = new List<(long, string)>();
        for (var i = 1L; i <= lastIndex; i++) result.Add((i, r.ReadString()));
        return result;
    }

    /// <summary>Records a failed check; <see cref="ThrowIfFailed"/> (called by every check) reports it with the seed.</summary>
    private void Fail(string problem) => _applyErrors.Add($"t={Now.TotalMilliseconds:F0} ms: {problem}");

    public void ThrowIfFailed()
    {
        if (_applyErrors.Count > 0) Throw(_applyErrors[0]);
    }

    internal void Throw(string problem) =>
        throw new RaftCheckException($"{problem} (seed {Seed}, {Servers} servers, t={Now.TotalMilliseconds:F0} ms)\n{Simulation.Trace.Tail(30)}");
}

using Course.Simulation;

namespace Course.Distributed.Transactions.Sagas;

/// <summary>A crash that happened: when, which service, and the armed crash point it was (null for a crash at an arbitrary moment).</summary>
public sealed record SagaCrashRecord(TimeSpan At, string Endpoint, SagaCrashPoint? Point)
{
    public override string ToString() => $"{Endpoint} at {At.TotalMilliseconds:F0} ms{(Point is null ? "" : $" ({Point})")}";
}

/// <summary>
/// Faults: crashes at delivery stages or at any moment, restarts, isolation, network conditions. The customer's
/// node cannot be crashed — it stands for the test, which must see every outcome.
/// </summary>
public sealed partial class SagaCluster
{
    private readonly List<(SagaCrashPoint Point, TimeSpan? RestartAfter)> _armed = [];
    private readonly List<SagaCrashRecord> _crashes = [];

    public IReadOnlyList<SagaCrashRecord> Crashes => _crashes;

    /// <summary>
    /// Arms a one-shot crash: the first time the point's service reaches the stage for a message with the point's
    /// label, it crashes there — restarting <paramref name="restartAfter"/> later, or staying down until <see cref="Restart"/>.
    /// </summary>
    public void CrashAt(SagaCrashPoint point, TimeSpan? restartAfter = null)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (!SagaCrashPoint.All(Style).Contains(point))
            throw new ArgumentException($"{point} is not a crash point of the {Style} saga (see SagaCrashPoint.All).", nameof(point));
        if (restartAfter is { } r && r < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(restartAfter), r, "restartAfter must not be negative.");
        _armed.Add((point, restartAfter));
    }

    /// <summary>Crashes <paramref name="endpoint"/> now (no-op if it is down): volatile retries and timers are lost, its database stays.</summary>
    public void Crash(string endpoint) => CrashNow(CheckService(endpoint, nameof(endpoint)), null);

    /// <summary>Restarts a crashed service, which recovers from its database and resends its outbox (no-op if it is up).</summary>
    public void Restart(string endpoint)
    {
        var node = NodeOf(endpoint);
        if (!Simulation.IsUp(node)) Simulation.Restart(node);
    }

    public bool IsUp(string endpoint) => Simulation.IsUp(NodeOf(endpoint));

    /// <summary>Crashes <paramref name="endpoint"/> now and restarts it after <paramref name="downtime"/>.</summary>
    public void CrashFor(string endpoint, TimeSpan downtime)
    {
        if (downtime < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(downtime), downtime, "downtime must not be negative.");
        Crash(endpoint);
        Simulation.Schedule(downtime, () => Restart(endpoint));
    }

    /// <summary>Cuts every link to and from <paramref name="endpoint"/> (it keeps running, alone).</summary>
    public void Isolate(string endpoint) => Simulation.Disconnect(NodeOf(endpoint));

    /// <summary>Removes every cut link.</summary>
    public void Heal() => Simulation.Heal();

    /// <summary>The network's current conditions; assign to make it lossy or calm mid-run.</summary>
    public NetworkConditions Network
    {
        get => Simulation.Network;
        set => Simulation.Network = value ?? throw new ArgumentNullException(nameof(value));
    }

    private NodeId CheckService(string endpoint, string parameterName)
    {
        var node = NodeOf(endpoint);
        return endpoint != SagaEndpoints.Client
            ? node
            : throw new ArgumentException("The customer's node cannot be crashed: it is how the run observes the outcomes.", parameterName);
    }

    private bool OnCrashPoint(NodeId node, string endpoint, SagaMessage message, DeliveryStage stage)
    {
        var index = _armed.FindIndex(a => a.Point.Matches(endpoint, message, stage));
        if (index < 0) return false;
        var (point, restartAfter) = _armed[index];
        _armed.RemoveAt(index);
        CrashNow(node, point);
        if (restartAfter is { } delay) Simulation.Schedule(delay, () => Restart(endpoint));
        return true;
    }

    private void CrashNow(NodeId node, SagaCrashPoint? point)
    {
        if (!Simulation.IsUp(node)) return;
        Simulation.Crash(node);
        _crashes.Add(new SagaCrashRecord(Now, _endpoints.First(e => e.Value == node).Key, point));
    }
}

using Polly.CircuitBreaker;

namespace Course.Gateway.Api;

/// <summary>One state change of a circuit breaker, <see cref="At"/> from when the gateway started.</summary>
public sealed record CircuitTransition(TimeSpan At, CircuitState State);

/// <summary>A downstream's circuit: its current state and every transition since start (for the notebook's state timeline).</summary>
public sealed class CircuitMonitor
{
    private readonly Lock _gate = new();
    private readonly List<CircuitTransition> _timeline = [new(TimeSpan.Zero, CircuitState.Closed)];
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _start;

    internal CircuitMonitor(string name, TimeProvider time)
    {
        Name = name;
        _time = time;
        _start = time.GetUtcNow();
        StateProvider = new CircuitBreakerStateProvider();
    }

    public string Name { get; }
    internal CircuitBreakerStateProvider StateProvider { get; }

    public CircuitState State => StateProvider.CircuitState;

    public IReadOnlyList<CircuitTransition> Timeline
    {
        get { lock (_gate) return _timeline.ToArray(); }
    }

    internal void Record(CircuitState state)
    {
        lock (_gate) _timeline.Add(new CircuitTransition(_time.GetUtcNow() - _start, state));
    }

    public override string ToString() => $"{Name}: {State}";
}

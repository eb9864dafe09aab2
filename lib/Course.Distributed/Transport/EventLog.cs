using System.Diagnostics;
using Course.Simulation;

namespace Course.Distributed.Transport;

/// <summary>
/// The cluster's common clock and its record of events, shared by all hosts so one plot shows every node on
/// one time axis. Thread-safe and bounded (<see cref="Truncated"/> says when the cap was hit).
/// </summary>
public sealed class EventLog
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<NodeEvent> _events = [];
    private readonly Lock _lock = new();

    public EventLog(int capacity = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
        StartedAt = DateTimeOffset.UtcNow;
    }

    public int Capacity { get; }
    public DateTimeOffset StartedAt { get; }

    /// <summary>Time since the log was created: what <see cref="INodeContext{TMessage}.Now"/> returns on every host.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    public bool Truncated { get; private set; }

    public int Count { get { lock (_lock) return _events.Count; } }

    public void Record(NodeId node, string category, string detail)
    {
        var at = _clock.Elapsed;
        var e = new NodeEvent(at, StartedAt + at, node, category, detail);
        lock (_lock)
        {
            if (_events.Count >= Capacity) { Truncated = true; return; }
            _events.Add(e);
        }
    }

    /// <summary>A copy of the events so far, in time order.</summary>
    public IReadOnlyList<NodeEvent> Snapshot()
    {
        lock (_lock) return _events.ToArray();
    }

    public IReadOnlyList<NodeEvent> OfCategory(string category)
    {
        lock (_lock) return _events.Where(e => e.Category == category).ToArray();
    }

    /// <summary>The last <paramref name="count"/> events as text: what a failing test prints.</summary>
    public string Tail(int count = 40)
    {
        lock (_lock) return string.Join(Environment.NewLine, _events.Skip(Math.Max(0, _events.Count - count)));
    }
}

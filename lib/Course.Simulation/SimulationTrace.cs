using System.Text;

namespace Course.Simulation;

/// <summary>
/// The event trace of a run: what a notebook plots and what a failing test prints. Bounded, so a long run
/// cannot eat the memory; <see cref="Truncated"/> says when the cap was hit.
/// </summary>
public sealed class SimulationTrace
{
    private readonly List<TraceEvent> _events = [];

    public SimulationTrace(int capacity, bool recordMessages)
    {
        if (capacity < 0) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity must not be negative.");
        Capacity = capacity;
        RecordMessages = recordMessages;
    }

    public int Capacity { get; }
    /// <summary>Whether sends, deliveries and drops are recorded (notes, crashes and partitions always are).</summary>
    public bool RecordMessages { get; set; }
    public bool Truncated { get; private set; }
    public IReadOnlyList<TraceEvent> Events => _events;

    internal void Add(in TraceEvent e)
    {
        if (_events.Count >= Capacity) { Truncated = true; return; }
        _events.Add(e);
    }

    public IEnumerable<TraceEvent> Notes(string category) =>
        _events.Where(e => e.Kind == TraceKind.Note && e.Category == category);

    /// <summary>The last <paramref name="count"/> events as text: the tail a failing test prints.</summary>
    public string Tail(int count = 40)
    {
        var text = new StringBuilder();
        foreach (var e in _events.Skip(Math.Max(0, _events.Count - count))) text.AppendLine(e.ToString());
        if (Truncated) text.AppendLine($"(trace capped at {Capacity} events)");
        return text.ToString();
    }

    /// <summary>A fingerprint of the whole trace: equal for two runs with the same seed, bit for bit.</summary>
    public ulong Fingerprint()
    {
        ulong hash = 14695981039346656037UL; // FNV-1a over a canonical text form
        foreach (var e in _events)
            foreach (var ch in $"{e.Time.Ticks}|{e.Kind}|{e.Node.Value}|{e.Peer?.Value}|{e.Category}|{e.Detail}\n")
            {
                hash ^= ch;
                hash *= 1099511628211UL;
            }
        return hash;
    }
}

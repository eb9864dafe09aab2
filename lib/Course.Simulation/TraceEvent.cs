namespace Course.Simulation;

public enum TraceKind { Send, Deliver, Drop, Duplicate, Crash, Restart, Partition, Heal, Note }

/// <summary>One thing that happened, at a virtual time. Notes come from nodes (role, term, commit …).</summary>
public readonly record struct TraceEvent(TimeSpan Time, TraceKind Kind, NodeId Node, NodeId? Peer, string Category, object? Payload)
{
    public string Detail => Payload?.ToString() ?? "";

    public override string ToString()
    {
        var peer = Peer is { } p ? (Kind is TraceKind.Send ? $" → {p}" : $" ← {p}") : "";
        var category = string.IsNullOrEmpty(Category) ? "" : $" [{Category}]";
        return $"{Time.TotalMilliseconds,10:F1} ms  {Node,-4} {Kind}{peer}{category} {Detail}";
    }
}

namespace Course.Observability.Tracing;

/// <summary>One edge of the service map: <see cref="From"/> called <see cref="To"/> this many times (errors among them).</summary>
public sealed record ServiceEdge(string From, string To, int Calls, int Errors, TimeSpan MeanDuration);

/// <summary>
/// The service map derived from spans alone: wherever a span of one service has a child span of another, the first
/// called the second. This is how Jaeger's and Zipkin's dependency graphs are built — nobody draws them by hand.
/// </summary>
public static class ServiceMap
{
    public static IReadOnlyList<ServiceEdge> From(IEnumerable<SpanRecord> spans)
    {
        var byId = new Dictionary<(string, string), SpanRecord>();
        var list = spans.ToList();
        foreach (var s in list) byId[(s.TraceId, s.SpanId)] = s;
        return list
            .Where(s => s.ParentSpanId is not null && byId.ContainsKey((s.TraceId, s.ParentSpanId)))
            .Select(s => (Parent: byId[(s.TraceId, s.ParentSpanId!)], Child: s))
            .Where(p => p.Parent.Service != p.Child.Service)
            .GroupBy(p => (p.Parent.Service, p.Child.Service))
            .Select(g => new ServiceEdge(g.Key.Item1, g.Key.Item2, g.Count(), g.Count(p => p.Child.IsError),
                TimeSpan.FromTicks((long)g.Average(p => p.Child.Duration.Ticks))))
            .OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal)
            .ToList();
    }
}

namespace Course.Observability.Tracing;

/// <summary>A span with its depth in the tree (for the waterfall's indentation) and its offset from the trace start.</summary>
public sealed record WaterfallRow(SpanRecord Span, int Depth, TimeSpan Offset)
{
    public string Label => new string(' ', Depth * 2) + $"{Span.Service}: {Span.Name}";
}

/// <summary>
/// The spans of one trace arranged as a tree by parent span id (Dapper, Sigelman et al. 2010, §2: a trace is a tree of
/// spans). Spans whose parent was never collected (it ended outside this process, or was not sampled) become extra roots
/// — they are shown, never dropped.
/// </summary>
public sealed class TraceTree
{
    private readonly Dictionary<string, List<SpanRecord>> _children;

    private TraceTree(string traceId, IReadOnlyList<SpanRecord> spans)
    {
        TraceId = traceId;
        Spans = spans;
        var ids = spans.Select(s => s.SpanId).ToHashSet();
        Roots = spans.Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId)).OrderBy(s => s.Start).ToList();
        _children = spans.Where(s => s.ParentSpanId is not null && ids.Contains(s.ParentSpanId))
            .GroupBy(s => s.ParentSpanId!)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.Start).ToList());
    }

    public static TraceTree Build(IEnumerable<SpanRecord> spans)
    {
        var list = spans.ToList();
        if (list.Count == 0) throw new ArgumentException("a trace needs at least one span", nameof(spans));
        var traceIds = list.Select(s => s.TraceId).Distinct().ToList();
        if (traceIds.Count != 1)
            throw new ArgumentException($"spans from {traceIds.Count} traces cannot form one tree", nameof(spans));
        return new TraceTree(traceIds[0], list);
    }

    public string TraceId { get; }
    public IReadOnlyList<SpanRecord> Spans { get; }
    public IReadOnlyList<SpanRecord> Roots { get; }
    public DateTimeOffset Start => Spans.Min(s => s.Start);
    public TimeSpan Duration => Spans.Max(s => s.End) - Start;
    public IReadOnlyList<string> Services => Spans.Select(s => s.Service).Distinct().ToList();

    public IReadOnlyList<SpanRecord> ChildrenOf(SpanRecord span) =>
        _children.TryGetValue(span.SpanId, out var children) ? children : [];

    public SpanRecord? ParentOf(SpanRecord span) =>
        span.ParentSpanId is null ? null : Spans.FirstOrDefault(s => s.SpanId == span.ParentSpanId);

    /// <summary>Depth-first, parents before children, siblings by start time: the rows of a waterfall.</summary>
    public IReadOnlyList<WaterfallRow> Waterfall()
    {
        var rows = new List<WaterfallRow>();
        void Visit(SpanRecord span, int depth)
        {
            rows.Add(new WaterfallRow(span, depth, span.Start - Start));
            foreach (var child in ChildrenOf(span)) Visit(child, depth + 1);
        }
        foreach (var root in Roots) Visit(root, 0);
        return rows;
    }

    /// <summary>
    /// Where the time went: a span's self time is its duration minus the time covered by its children (overlapping
    /// children counted once). The span with the largest self time is where to look first for a slow request.
    /// </summary>
    public TimeSpan SelfTime(SpanRecord span)
    {
        var covered = TimeSpan.Zero;
        var cursor = span.Start;
        foreach (var child in ChildrenOf(span).OrderBy(c => c.Start))
        {
            var from = child.Start > cursor ? child.Start : cursor;
            var to = child.End < span.End ? child.End : span.End;
            if (to > from) { covered += to - from; cursor = to; }
        }
        return span.Duration - covered;
    }

    /// <summary>
    /// Where a failure started: the failed spans none of whose children failed. An error travels up the tree (the caller's
    /// client span fails, then its server span, then the gateway's), so the failed span deepest down is the one to read —
    /// the same way self time, not span length, points at a slow service.
    /// </summary>
    public IReadOnlyList<SpanRecord> ErrorOrigins() =>
        Spans.Where(s => s.IsError && !ChildrenOf(s).Any(c => c.IsError)).ToList();
}

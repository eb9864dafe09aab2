using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;

namespace Course.Observability.Tracing;

/// <summary>
/// An in-memory trace backend: an OpenTelemetry exporter that keeps every finished span, so tracing works with
/// no Jaeger and no Docker. Bounded (oldest spans dropped past <see cref="Capacity"/>) so a long session cannot grow it
/// without limit; <see cref="Dropped"/> says how many were dropped.
/// </summary>
public sealed class SpanCollector : BaseExporter<Activity>
{
    private readonly ConcurrentQueue<SpanRecord> _spans = new();
    private long _dropped;

    public SpanCollector(int capacity = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }
    public long Dropped => Interlocked.Read(ref _dropped);
    public int Count => _spans.Count;

    public override ExportResult Export(in Batch<Activity> batch)
    {
        foreach (var activity in batch) Add(SpanRecord.From(activity, ServiceAttribution.Of(activity)));
        return ExportResult.Success;
    }

    internal void Add(SpanRecord span)
    {
        _spans.Enqueue(span);
        while (_spans.Count > Capacity && _spans.TryDequeue(out _)) Interlocked.Increment(ref _dropped);
    }

    /// <summary>Every span collected so far, in the order they ended.</summary>
    public IReadOnlyList<SpanRecord> Spans => _spans.ToArray();

    /// <summary>The spans of one trace, parents before children.</summary>
    public TraceTree Trace(string traceId) => TraceTree.Build(Spans.Where(s => s.TraceId == traceId));

    /// <summary>One tree per trace, newest first.</summary>
    public IReadOnlyList<TraceTree> Traces() =>
        Spans.GroupBy(s => s.TraceId).Select(g => TraceTree.Build(g)).OrderByDescending(t => t.Start).ToList();

    public void Clear() => _spans.Clear();
}

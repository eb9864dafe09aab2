using System.Diagnostics;
using Course.Observability.Tracing;

namespace Course.Observability.Exercises;

/// <summary>
/// Builds traces by hand, span by span, with the timings a scenario needs — so a checker knows the right answer.
/// Times are milliseconds from the trace's start; ids are made from a seeded counter (replayable).
/// </summary>
public sealed class SyntheticTraces(int seed)
{
    private static readonly DateTimeOffset Origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly Random _random = new(seed);
    private int _next;
    private readonly List<SpanRecord> _spans = [];
    private string _trace = "";

    public Random Random => _random;

    /// <summary>Starts a new trace; spans added next belong to it.</summary>
    public SyntheticTraces NewTrace()
    {
        _trace = $"{++_next:x32}";
        return this;
    }

    /// <summary>Adds a span and returns its id (to parent the next ones on it).</summary>
    public string Span(string service, string name, double startMs, double durationMs, string? parent = null,
        ActivityKind kind = ActivityKind.Server, bool error = false)
    {
        if (_trace.Length == 0) throw new InvalidOperationException("call NewTrace() first");
        var id = $"{++_next:x16}";
        _spans.Add(new SpanRecord(_trace, id, parent, service, name, kind, Origin.AddMilliseconds(startMs),
            TimeSpan.FromMilliseconds(durationMs), error ? ActivityStatusCode.Error : ActivityStatusCode.Unset, null,
            new Dictionary<string, string>(), new Dictionary<string, string>()));
        return id;
    }

    /// <summary>A small random variation, so no two requests look the same.</summary>
    public double Jitter(double ms) => ms * (0.9 + 0.2 * _random.NextDouble());

    public IReadOnlyList<TraceTree> Build() => _spans.GroupBy(s => s.TraceId).Select(g => TraceTree.Build(g)).ToList();
}

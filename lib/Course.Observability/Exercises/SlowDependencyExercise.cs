using Course.Observability.Tracing;
using Course.Simulation.Exercises;

namespace Course.Observability.Exercises;

/// <summary>
/// The observability week's exercise: given the traces of many slow requests, name the service where the time goes.
/// The trap is the obvious answer — the longest span is always the root, because a caller's span contains every call it
/// waits for. The right measure is <em>self time</em> (a span's duration minus the time covered by its children), summed per
/// service: that is how Jaeger's "critical path" and profilers' "self" columns point at the culprit.
/// </summary>
public static class SlowDependencyExercise
{
    public static IReadOnlyList<string> ScenarioNames { get; } =
        ["SlowLeaf", "SlowCallerItself", "ParallelFanOut", "SlowOnlyInTheTail", "FastFailuresAreNotSlowness", "DeepChain"];

    /// <summary>The reference solution: the service with the largest self time summed over all the traces.</summary>
    public static string Reference(IReadOnlyList<TraceTree> traces)
    {
        if (traces.Count == 0) throw new ArgumentException("no traces to look at: send some requests first", nameof(traces));
        return traces.SelectMany(t => t.Spans.Select(s => (s.Service, Self: t.SelfTime(s))))
            .GroupBy(p => p.Service)
            .OrderByDescending(g => g.Sum(p => p.Self.Ticks))
            .First().Key;
    }

    public static IReadOnlyList<ScenarioVerdict> Check(Func<IReadOnlyList<TraceTree>, string> findCulprit, int seeds = 5)
    {
        ArgumentNullException.ThrowIfNull(findCulprit);
        return ExerciseChecker.Run(ScenarioNames, seeds, (name, seed) =>
        {
            var (traces, culprit) = Scenario(name, seed);
            var answer = findCulprit(traces);
            return answer == culprit ? null : $"answered '{answer}', but the time goes to '{culprit}'";
        });
    }

    /// <summary>The traces of one scenario and the service that is truly slow.</summary>
    public static (IReadOnlyList<TraceTree> Traces, string Culprit) Scenario(string name, int seed)
    {
        var t = new SyntheticTraces(seed);
        const int requests = 20;
        string culprit;
        switch (name)
        {
            case "SlowLeaf":   // gateway → orders → catalog; catalog sleeps
                culprit = "catalog";
                for (var i = 0; i < requests; i++)
                {
                    var slow = t.Jitter(180);
                    var root = t.NewTrace().Span("gateway", "GET /orders", 0, slow + 14);
                    var orders = t.Span("orders", "GET /orders", 2, slow + 10, root);
                    t.Span("catalog", "GET /products", 5, slow, orders);
                }
                break;
            case "SlowCallerItself":   // orders computes for a long time after fast calls
                culprit = "orders";
                for (var i = 0; i < requests; i++)
                {
                    var work = t.Jitter(150);
                    var root = t.NewTrace().Span("gateway", "POST /orders", 0, work + 30);
                    var orders = t.Span("orders", "POST /orders", 2, work + 26, root);
                    t.Span("catalog", "GET /products", 4, t.Jitter(10), orders);
                    t.Span("payments", "Charge", 16, t.Jitter(8), orders);
                }
                break;
            case "ParallelFanOut":   // orders calls catalog and payments at the same time; payments is the long pole
                culprit = "payments";
                for (var i = 0; i < requests; i++)
                {
                    var longPole = t.Jitter(120);
                    var root = t.NewTrace().Span("gateway", "POST /orders", 0, longPole + 12);
                    var orders = t.Span("orders", "POST /orders", 2, longPole + 8, root);
                    t.Span("catalog", "GET /products", 4, t.Jitter(60), orders);
                    t.Span("payments", "Charge", 4, longPole, orders);
                }
                break;
            case "SlowOnlyInTheTail":   // search is fast except in a few requests, where it is very slow; the p99 is its fault
                culprit = "search";
                for (var i = 0; i < requests * 2; i++)
                {
                    var search = i % 13 == 5 ? t.Jitter(900) : t.Jitter(3);
                    var root = t.NewTrace().Span("gateway", "GET /search", 0, search + t.Jitter(20) + 6);
                    var s = t.Span("search", "Query", 2, search, root);
                    t.Span("catalog", "GET /products", search + 3, t.Jitter(20), root);
                    _ = s;
                }
                break;
            case "FastFailuresAreNotSlowness":   // payments fails in 2 ms every time; the slow one is catalog
                culprit = "catalog";
                for (var i = 0; i < requests; i++)
                {
                    var slow = t.Jitter(90);
                    var root = t.NewTrace().Span("gateway", "POST /orders", 0, slow + 14, error: true);
                    var orders = t.Span("orders", "POST /orders", 2, slow + 10, root, error: true);
                    t.Span("catalog", "GET /products", 4, slow, orders);
                    t.Span("payments", "Charge", slow + 6, 2, orders, error: true);
                }
                break;
            case "DeepChain":   // a → b → c → d → e, each waits for the next; d does the work
                culprit = "d";
                for (var i = 0; i < requests; i++)
                {
                    var work = t.Jitter(70);
                    var parent = t.NewTrace().Span("a", "call", 0, work + 16);
                    parent = t.Span("b", "call", 2, work + 12, parent);
                    parent = t.Span("c", "call", 4, work + 8, parent);
                    parent = t.Span("d", "call", 6, work + 4, parent);
                    t.Span("e", "call", 7, t.Jitter(2), parent);
                }
                break;
            default:
                throw new ArgumentException($"unknown scenario '{name}'; expected one of: {string.Join(", ", ScenarioNames)}", nameof(name));
        }
        return (t.Build(), culprit);
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Course.Observability.Metrics;

/// <summary>
/// The RED method (Tom Wilkie, 2015) for a request-driven service: Rate, Errors, Duration — all three from one
/// histogram, <c>http.server.request.duration</c> (OpenTelemetry HTTP semantic conventions, the same name and labels
/// ASP.NET Core's built-in meter uses): its count is the rate, its status-code label gives errors, its buckets give
/// latency quantiles. Why our own middleware rather than ASP.NET's meter: the course hosts several services in one
/// process, and OpenTelemetry listens to meters by name, so every host would export every host's requests. A meter
/// named after the service (<see cref="MeterNameFor"/>) keeps each service's numbers its own.
/// </summary>
public sealed class RedMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly Histogram<double> _duration;

    public RedMetrics(string service)
    {
        _meter = new Meter(MeterNameFor(service));
        // Bucket boundaries in seconds, as ASP.NET Core's own meter advises. Without advice the SDK's default boundaries
        // (0, 5, 10, 25 … 10000) assume milliseconds: every request lands in the first bucket and every quantile reads 4.95 s.
        _duration = _meter.CreateHistogram<double>("http.server.request.duration", unit: "s",
            description: "Duration of HTTP server requests.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
    }

    public static string MeterNameFor(string service) => $"Course.Http.{service}";

    /// <summary>The histogram's upper bucket bounds, in seconds: fine where web requests live (5 ms … 10 s).</summary>
    public static IReadOnlyList<double> Buckets { get; } = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    /// <summary>Times every request (except /metrics and /health) and records it with method, route and status code.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (TelemetryLab.IsTelemetryEndpoint(context)) { await next(context); return; }
        var start = Stopwatch.GetTimestamp();
        var failed = false;
        try { await next(context); }
        catch { failed = true; throw; }
        finally
        {
            // The route template, not the raw path: /orders/{id} is one series, not one per order (label cardinality).
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(unmatched)";
            var status = failed && !context.Response.HasStarted ? 500 : context.Response.StatusCode;
            _duration.Record(Stopwatch.GetElapsedTime(start).TotalSeconds,
                new("http.request.method", context.Request.Method),
                new("http.route", route),
                new("http.response.status_code", status));
        }
    }

    public void Dispose() => _meter.Dispose();
}

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
        _duration = _meter.CreateHistogram<double>("http.server.request.duration", unit: "s",
            description: "Duration of HTTP server requests.");
    }

    public static string MeterNameFor(string service) => $"Course.Http.{service}";

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

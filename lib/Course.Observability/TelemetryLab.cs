using System.Diagnostics;
using Course.Observability.Logging;
using Course.Observability.Tracing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Course.Observability;

/// <summary>
/// Tracing for several services hosted in one process (a notebook, a test): one process-wide OpenTelemetry tracer
/// provider that sees every host's requests, tags each span with the service that did the work
/// (<see cref="ServiceAttribution"/>), and keeps everything in memory — plus OTLP to Jaeger when an endpoint is given.
/// Services started while a lab is running (with <c>AddCourseTelemetry</c>) join it automatically.
/// One lab at a time; dispose it to stop tracing.
/// </summary>
public sealed class TelemetryLab : IDisposable
{
    private static TelemetryLab? _current;
    private static readonly object Gate = new();
    private readonly TracerProvider _tracing;

    private TelemetryLab(TelemetryOptions options)
    {
        Options = options;
        var builder = Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(r => r.AddService("course-lab"))
            .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.SamplingRatio)))
            .AddSource(MessageTracing.SourceName, BusinessSpans.SourceName)
            .AddAspNetCoreInstrumentation(o =>
            {
                o.Filter = context => !IsTelemetryEndpoint(context);
                // The host that handled the request names the server span's service; children inherit it.
                o.EnrichWithHttpRequest = (activity, request) =>
                    ServiceAttribution.Set(activity, request.HttpContext.RequestServices.GetService<ServiceIdentity>()?.Name ?? ServiceAttribution.Caller);
            })
            .AddHttpClientInstrumentation()
            .AddGrpcClientInstrumentation();
        // To Jaeger (or any OTLP collector) under each service's own name; batched, off the request path: a dead or hung
        // collector never slows a request. Processors run in the order added, so this one comes first: once a span is
        // visible in memory it is already queued for export, and a Flush after seeing it there exports it (the other
        // order let a test flush while the span sat between the two, and it never reached the collector).
        if (options.OtlpEndpoint is not null) builder.AddProcessor(new PerServiceOtlpExport(options));
        builder.AddProcessor(new SimpleActivityExportProcessor(Spans));   // in memory: visible the moment a span ends
        _tracing = builder.Build();
    }

    /// <summary>The lab now running, or null.</summary>
    public static TelemetryLab? Current { get { lock (Gate) return _current; } }

    /// <summary>Starts the process-wide lab.</summary>
    /// <exception cref="InvalidOperationException">Another lab is still running (dispose it first).</exception>
    public static TelemetryLab Start(TelemetryOptions? options = null)
    {
        lock (Gate)
        {
            if (_current is not null)
                throw new InvalidOperationException("a TelemetryLab is already running in this process; dispose it before starting another");
            return _current = new TelemetryLab(options ?? new TelemetryOptions());
        }
    }

    public TelemetryOptions Options { get; }
    public SpanCollector Spans { get; } = new();
    public LogCollector Logs { get; } = new();

    /// <summary>Waits until every started span has reached the collector (in-memory export is synchronous; OTLP is flushed).</summary>
    public bool Flush(TimeSpan? timeout = null) => _tracing.ForceFlush((int)(timeout ?? TimeSpan.FromSeconds(5)).TotalMilliseconds);

    /// <summary>
    /// Waits (bounded, polling) until <paramref name="condition"/> holds for the collected spans. A server's span ends just
    /// after its response is sent, so a client can hold the answer before the server's span has reached the collector.
    /// </summary>
    public bool WaitUntil(Func<IReadOnlyList<SpanRecord>, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(Spans.Spans))
        {
            if (DateTime.UtcNow >= deadline) return false;
            Thread.Sleep(10);
        }
        return true;
    }

    /// <summary>The most recent trace whose root span's name contains <paramref name="nameFragment"/>.</summary>
    public TraceTree? LatestTrace(string? nameFragment = null) =>
        Spans.Traces().FirstOrDefault(t => nameFragment is null || t.Roots.Any(r => r.Name.Contains(nameFragment, StringComparison.OrdinalIgnoreCase)));

    internal static bool IsTelemetryEndpoint(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/metrics") || context.Request.Path.StartsWithSegments("/health")
        || context.Request.Path.StartsWithSegments("/healthz")
        // An OTLP collector's intake (HTTP, gRPC): tracing it would trace the export of traces.
        || context.Request.Path.StartsWithSegments("/v1/traces")
        || context.Request.Path.StartsWithSegments("/opentelemetry.proto.collector.trace.v1.TraceService");

    public void Dispose()
    {
        lock (Gate)
        {
            _tracing.Dispose();
            if (ReferenceEquals(_current, this)) _current = null;
        }
    }
}

using Course.Observability.Metrics;
using Course.Observability.Tracing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Course.Observability;

/// <summary>
/// Telemetry for one service, in two lines:
/// <code>
/// builder.AddCourseTelemetry("orders");   // traces, RED and queue metrics, logs with trace ids
/// app.UseCourseTelemetry();               // GET /metrics in Prometheus text format
/// </code>
/// Inside a running <see cref="TelemetryLab"/> (several services in one process) the lab records the spans; on its own
/// (one service per process) the service gets its own tracer provider named after it, exporting over OTLP if configured.
/// </summary>
public static class CourseTelemetry
{

    public static WebApplicationBuilder AddCourseTelemetry(this WebApplicationBuilder builder, string serviceName, TelemetryOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        options ??= TelemetryLab.Current?.Options ?? TelemetryOptions.FromEnvironment();   // a process of its own: OTEL_* variables
        builder.Services.AddSingleton(new ServiceIdentity(serviceName));

        // Every log entry carries the current trace and span ids (W3C format), in scopes and in our collector.
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (TelemetryLab.Current is { } lab) builder.Logging.AddProvider(lab.Logs.ProviderFor(serviceName));

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithMetrics(m => m.AddMeter(RedMetrics.MeterNameFor(serviceName), QueueMetrics.MeterNameFor(serviceName)).AddPrometheusExporter());
        // Created by the container so that stopping the host disposes the meters: a meter left alive would keep reporting
        // into the next host of the same name (tests and notebooks start a service more than once per process).
        builder.Services.AddSingleton(_ => new RedMetrics(serviceName));
        builder.Services.AddSingleton(_ => new QueueMetrics(serviceName));
        if (TelemetryLab.Current is null)
            telemetry.WithTracing(t =>
            {
                t.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.SamplingRatio)))
                 .AddSource(MessageTracing.SourceName, BusinessSpans.SourceName)
                 .AddAspNetCoreInstrumentation(o => o.Filter = context => !TelemetryLab.IsTelemetryEndpoint(context))
                 .AddHttpClientInstrumentation()
                 .AddGrpcClientInstrumentation();
                if (options.OtlpEndpoint is not null)
                    t.AddOtlpExporter(o =>
                    {
                        o.Endpoint = options.OtlpTracesEndpoint!;
                        o.Protocol = options.OtlpProtocol;
                        o.TimeoutMilliseconds = (int)options.ExportTimeout.TotalMilliseconds;
                        o.ExportProcessorType = ExportProcessorType.Batch;
                    });
            });
        return builder;
    }

    /// <summary>Records RED metrics for every request and maps <c>GET /metrics</c> (Prometheus text exposition format).</summary>
    public static WebApplication UseCourseTelemetry(this WebApplication app)
    {
        var red = app.Services.GetRequiredService<RedMetrics>();
        app.Use((context, next) => red.InvokeAsync(context, next));
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}

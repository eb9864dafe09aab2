using System.Diagnostics;
using Course.Observability.Tests.Otlp;
using Course.Observability.Tracing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;

namespace Course.Observability.Tests;

/// <summary>
/// The OTLP path to Jaeger, checked on the wire: a minimal collector decodes what the lab exports. Each service's spans
/// arrive under that service's own Resource (Jaeger lists services by it), with the same ids and parents as in memory.
/// </summary>
[Collection(TelemetryLabCollection.Name)]
public sealed class OtlpExportTests
{
    [Theory]
    [InlineData(OtlpExportProtocol.HttpProtobuf)]
    [InlineData(OtlpExportProtocol.Grpc)]
    public async Task Spans_reach_an_OTLP_collector_under_each_services_own_name_with_the_ids_and_parents_kept_in_memory(OtlpExportProtocol protocol)
    {
        await using var collector = await OtlpReceiver.StartAsync(protocol);
        using var lab = TelemetryLab.Start(new TelemetryOptions { OtlpEndpoint = collector.Address, OtlpProtocol = protocol });
        await using var shop = await DemoShop.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        string traceId;
        using (var root = BusinessSpans.StartRoot("otlp check"))
        {
            traceId = root!.TraceId.ToHexString();
            await http.GetStringAsync(new Uri(shop.Frontend, "/order"));
        }
        // The worker consumes the order message on its own thread; the frontend's server span ends after its response.
        Assert.True(lab.WaitUntil(spans => spans.Any(s => s.TraceId == traceId && s.Service == "worker")
                                           && spans.Any(s => s.TraceId == traceId && s.Service == "frontend" && s.Kind == ActivityKind.Server),
            TimeSpan.FromSeconds(10)));
        Assert.True(lab.Flush(TimeSpan.FromSeconds(10)), "the OTLP export did not finish");

        var inMemory = lab.Spans.Trace(traceId).Spans;
        var exported = collector.Spans.Where(s => s.TraceId == traceId).ToList();
        Assert.Equal(inMemory.Select(s => (s.SpanId, s.ParentSpanId, s.Service, s.Name)).Order(),
            exported.Select(s => (s.SpanId, s.ParentSpanId, s.Service, s.Name)).Order());
        Assert.Equal(["backend", "caller", "frontend", "worker"], exported.Select(s => s.Service).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(exported, s => s.Service == "backend" && s.Kind == SpanKind.Server);
        Assert.Contains(exported, s => s.Service == "worker" && s.Kind == SpanKind.Consumer);
        // The exporter's own HTTP calls are not traced (they would feed themselves: every export exporting spans of exports).
        Assert.DoesNotContain(lab.Spans.Spans, s => s.Tags.TryGetValue("url.full", out var url) && url.Contains("/v1/traces", StringComparison.Ordinal));
        Assert.DoesNotContain(lab.Spans.Spans, s => s.Tags.TryGetValue("url.path", out var path) && (path == "/v1/traces" || path.Contains("TraceService", StringComparison.Ordinal)));   // nor the collector's side, here in-process
        Assert.True(collector.Requests >= 1);
    }

    [Fact]
    public async Task A_service_in_a_process_of_its_own_exports_its_spans_under_its_name()
    {
        // No lab: the way services/* run (one per process, options from OTEL_* variables), with the options given directly.
        Assert.Null(TelemetryLab.Current);
        await using var collector = await OtlpReceiver.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.AddCourseTelemetry("standalone", new TelemetryOptions { OtlpEndpoint = collector.Address, OtlpProtocol = OtlpExportProtocol.HttpProtobuf });
        await using var app = builder.Build();
        app.UseCourseTelemetry();
        var route = $"/standalone-{Guid.NewGuid():N}";
        app.MapGet(route, () => "ok");
        await app.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        Assert.Equal("ok", await http.GetStringAsync(new Uri(new Uri(app.Urls.First()), route)));
        // The tracer provider belongs to the app's services: disposing the app shuts it down, which flushes the batch.
        await app.StopAsync();
        await app.DisposeAsync();
        var span = Assert.Single(collector.Spans, s => s.Name == $"GET {route}");
        Assert.Equal(("standalone", SpanKind.Server), (span.Service, span.Kind));
    }

    [Theory]
    [InlineData("http://127.0.0.1:4318", OtlpExportProtocol.HttpProtobuf, "http://127.0.0.1:4318/v1/traces")]
    [InlineData("http://127.0.0.1:4318/custom/path", OtlpExportProtocol.HttpProtobuf, "http://127.0.0.1:4318/custom/path")]
    [InlineData("http://127.0.0.1:4317", OtlpExportProtocol.Grpc, "http://127.0.0.1:4317/")]
    public void A_bare_OTLP_HTTP_address_gets_the_traces_path(string given, OtlpExportProtocol protocol, string expected) =>
        Assert.Equal(new Uri(expected), new TelemetryOptions { OtlpEndpoint = new Uri(given), OtlpProtocol = protocol }.OtlpTracesEndpoint);
}

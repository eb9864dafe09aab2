using System.Diagnostics;
using Course.Observability.Tracing;

namespace Course.Observability.Tests;

[Collection(TelemetryLabCollection.Name)]
public sealed class TracingTests
{
    [Fact]
    public async Task One_request_is_one_trace_across_HTTP_and_the_queue_with_correct_parents_and_services()
    {
        using var lab = TelemetryLab.Start();
        await using var shop = await DemoShop.StartAsync();
        using var http = new HttpClient();

        Assert.Equal("placed", (await http.GetStringAsync(new Uri(shop.Frontend, "/order"))).Trim('"'));
        Assert.True(shop.WaitForWorker(1, TimeSpan.FromSeconds(10)), "the worker never processed the message");
        lab.Flush();

        var traces = lab.Spans.Traces();
        var trace = Assert.Single(traces);
        var byName = trace.Spans.ToDictionary(s => (s.Service, s.Kind));
        var callerClient = byName[(ServiceAttribution.Caller, ActivityKind.Client)];
        var frontendServer = byName[("frontend", ActivityKind.Server)];
        var frontendClient = byName[("frontend", ActivityKind.Client)];
        var backendServer = byName[("backend", ActivityKind.Server)];
        var business = byName[("backend", ActivityKind.Internal)];
        var publish = byName[("frontend", ActivityKind.Producer)];
        var process = byName[("worker", ActivityKind.Consumer)];
        Assert.Equal(7, trace.Spans.Count);

        Assert.Null(callerClient.ParentSpanId);
        Assert.Equal(callerClient.SpanId, frontendServer.ParentSpanId);   // traceparent over HTTP (the test's own call)
        Assert.Equal(frontendServer.SpanId, frontendClient.ParentSpanId);
        Assert.Equal(frontendClient.SpanId, backendServer.ParentSpanId);   // traceparent over HTTP, service to service
        Assert.Equal(backendServer.SpanId, business.ParentSpanId);
        Assert.Equal("check stock", business.Name);
        Assert.Equal("book-1", business.Tags["sku"]);
        Assert.Equal(frontendServer.SpanId, publish.ParentSpanId);
        Assert.Equal(publish.SpanId, process.ParentSpanId);                // traceparent through message headers
        Assert.Equal("orders process", process.Name);
        Assert.Contains("/order", frontendServer.Name);
    }

    [Fact]
    public async Task The_service_map_and_the_waterfall_come_from_the_spans()
    {
        using var lab = TelemetryLab.Start();
        await using var shop = await DemoShop.StartAsync();
        using var http = new HttpClient();
        for (var i = 0; i < 3; i++) await http.GetStringAsync(new Uri(shop.Frontend, "/order"));
        Assert.True(shop.WaitForWorker(3, TimeSpan.FromSeconds(10)));
        lab.Flush();

        var edges = ServiceMap.From(lab.Spans.Spans).Select(e => (e.From, e.To, e.Calls)).ToList();
        Assert.Equal([(ServiceAttribution.Caller, "frontend", 3), ("frontend", "backend", 3), ("frontend", "worker", 3)], edges);

        var rows = lab.LatestTrace()!.Waterfall();
        Assert.Equal(0, rows[0].Depth);
        Assert.Equal(TimeSpan.Zero, rows[0].Offset);
        for (var i = 1; i < rows.Count; i++)   // depth-first: each row's parent appears above it, one level up
        {
            var parentRow = rows.Take(i).Single(r => r.Span.SpanId == rows[i].Span.ParentSpanId);
            Assert.Equal(parentRow.Depth + 1, rows[i].Depth);
        }
    }

    [Fact]
    public async Task A_slow_dependency_shows_up_as_the_largest_self_time()
    {
        using var lab = TelemetryLab.Start();
        await using var shop = await DemoShop.StartAsync();
        shop.BackendDelay = TimeSpan.FromMilliseconds(300);
        using var http = new HttpClient();
        await http.GetStringAsync(new Uri(shop.Frontend, "/order"));
        Assert.True(lab.WaitUntil(spans => spans.Count(s => s.Kind == ActivityKind.Server) == 2, TimeSpan.FromSeconds(15)), "the server spans never ended");

        var trace = lab.LatestTrace("GET")!;
        var slowest = trace.Spans.OrderByDescending(trace.SelfTime).First();
        Assert.Equal(("backend", "check stock"), (slowest.Service, slowest.Name));
        Assert.True(trace.SelfTime(slowest) >= TimeSpan.FromMilliseconds(290), $"self time {trace.SelfTime(slowest)}");
    }

    [Fact]
    public async Task Sampling_at_zero_records_nothing_and_requests_still_succeed()
    {
        using var lab = TelemetryLab.Start(new TelemetryOptions { SamplingRatio = 0 });
        await using var shop = await DemoShop.StartAsync();
        using var http = new HttpClient();
        for (var i = 0; i < 5; i++) Assert.Equal("\"placed\"", await http.GetStringAsync(new Uri(shop.Frontend, "/order")));
        Assert.True(shop.WaitForWorker(5, TimeSpan.FromSeconds(10)));
        lab.Flush();
        Assert.Equal(0, lab.Spans.Count);
    }

    [Fact]
    public async Task Sampling_keeps_whole_traces_never_fragments()
    {
        using var lab = TelemetryLab.Start(new TelemetryOptions { SamplingRatio = 0.5 });
        await using var shop = await DemoShop.StartAsync();
        using var http = new HttpClient();
        const int requests = 40;
        for (var i = 0; i < requests; i++) await http.GetStringAsync(new Uri(shop.Frontend, "/order"));
        Assert.True(shop.WaitForWorker(requests, TimeSpan.FromSeconds(20)));
        lab.Flush();

        var traces = lab.Spans.Traces();
        // Trace ids are random, so the count varies; a ratio of 0.5 over 40 traces keeping 0 or all 40 would be a bug.
        Assert.InRange(traces.Count, 1, requests - 1);
        Assert.All(traces, t => Assert.Equal(7, t.Spans.Count));   // the decision at the root is followed by every service
    }

    [Fact]
    public async Task An_unreachable_OTLP_collector_never_fails_a_request()
    {
        // Port 9 on loopback: nothing listens (discard), connections are refused.
        using var lab = TelemetryLab.Start(new TelemetryOptions { OtlpEndpoint = new Uri("http://127.0.0.1:9"), ExportTimeout = TimeSpan.FromMilliseconds(500) });
        await using var shop = await DemoShop.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        for (var i = 0; i < 10; i++) Assert.Equal("\"placed\"", await http.GetStringAsync(new Uri(shop.Frontend, "/order")));
        lab.Flush(TimeSpan.FromSeconds(3));
        Assert.Equal(10, lab.Spans.Traces().Count);   // the in-memory copy is unaffected
    }

    [Fact]
    public async Task A_collector_that_accepts_and_never_answers_never_fails_or_holds_up_a_request()
    {
        // Worse than a refusal: the exporter's connection opens and its request hangs. Export runs in the batch processor's
        // own thread, bounded by ExportTimeout, so requests neither wait for it nor fail.
        using var hung = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        hung.Start(backlog: 16);   // accepted by the kernel into the backlog and never read: the export hangs
        var endpoint = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)hung.LocalEndpoint).Port}");
        // An export waits up to 6 s; a request may take at most 2 s (the client's timeout). Were the export on the request
        // path, every request would hang past the client's timeout and fail: the test can fail without measuring time.
        using var lab = TelemetryLab.Start(new TelemetryOptions { OtlpEndpoint = endpoint, ExportTimeout = TimeSpan.FromSeconds(6) });
        await using var shop = await DemoShop.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 10; i++) Assert.Equal("\"placed\"", await http.GetStringAsync(new Uri(shop.Frontend, "/order")));
        lab.Flush(TimeSpan.FromSeconds(3));
        Assert.Equal(10, lab.Spans.Traces().Count);
    }

    [Fact]
    public void A_second_lab_while_one_runs_is_a_clear_error()
    {
        using var lab = TelemetryLab.Start();
        var error = Assert.Throws<InvalidOperationException>(() => TelemetryLab.Start());
        Assert.Contains("already running", error.Message);
    }

    [Fact]
    public void Sampling_ratios_outside_zero_to_one_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TelemetryOptions { SamplingRatio = 1.5 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new TelemetryOptions { SamplingRatio = double.NaN });
    }
}

/// <summary>A service run as its own process reads the standard OTEL_* variables; a wrong value is an error naming the variable.</summary>
public sealed class TelemetryEnvironmentTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] set) =>
        name => set.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Unset_variables_give_the_defaults_in_memory_every_trace()
    {
        var options = TelemetryOptions.FromEnvironment(Env());
        Assert.Equal((null, 1.0, OpenTelemetry.Exporter.OtlpExportProtocol.Grpc), (options.OtlpEndpoint, options.SamplingRatio, options.OtlpProtocol));
    }

    [Fact]
    public void The_OTLP_endpoint_protocol_and_sampling_ratio_come_from_the_standard_variables()
    {
        var options = TelemetryOptions.FromEnvironment(Env(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://jaeger:4318"),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"), ("OTEL_TRACES_SAMPLER_ARG", "0.25")));
        Assert.Equal(new Uri("http://jaeger:4318/v1/traces"), options.OtlpTracesEndpoint);
        Assert.Equal(0.25, options.SamplingRatio);
    }

    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "jaeger:4317")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "ftp://jaeger:4317")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json")]
    [InlineData("OTEL_TRACES_SAMPLER_ARG", "1.5")]
    [InlineData("OTEL_TRACES_SAMPLER_ARG", "ten percent")]
    public void A_wrong_value_is_an_error_that_names_the_variable(string name, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => TelemetryOptions.FromEnvironment(Env((name, value))));
        Assert.Equal(name, error.ParamName);
        Assert.Contains(value, error.Message);
    }
}

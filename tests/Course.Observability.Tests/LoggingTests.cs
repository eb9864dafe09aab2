using Microsoft.Extensions.Logging;

namespace Course.Observability.Tests;

[Collection(TelemetryLabCollection.Name)]
public sealed class LoggingTests
{
    [Fact]
    public async Task Every_log_line_written_during_a_traced_request_carries_its_trace_id()
    {
        using var lab = TelemetryLab.Start();
        await using var shop = await DemoShop.StartAsync();
        using var http = new HttpClient();
        await http.GetStringAsync(new Uri(shop.Frontend, "/order"));
        await http.GetStringAsync(new Uri(shop.Frontend, "/order"));
        Assert.True(shop.WaitForWorker(2, TimeSpan.FromSeconds(10)));
        lab.Flush();

        var traces = lab.Spans.Traces();
        Assert.Equal(2, traces.Count);
        foreach (var trace in traces)
        {
            var lines = lab.Logs.ForTrace(trace.TraceId);
            Assert.Equal(["backend: Stock checked for book-1", "frontend: Order placed after stock answer 30", "frontend: Order received", "worker: Order shipped"],
                lines.Select(l => $"{l.Service}: {l.Message}").Order(StringComparer.Ordinal));
            // …and each line points at a span of that trace written by the same service.
            foreach (var line in lines)
                Assert.Equal(line.Service, trace.Spans.Single(s => s.SpanId == line.SpanId).Service);
        }
        Assert.All(lab.Logs.Entries, e => Assert.NotNull(e.TraceId));   // no line escaped its trace
        Assert.Equal("book-1", lab.Logs.Entries.Single(e => e.Message.StartsWith("Stock", StringComparison.Ordinal) && e.TraceId == traces[0].TraceId).Fields["Sku"]);
    }

    [Fact]
    public async Task Trace_based_log_sampling_keeps_warnings_and_the_lines_of_sampled_traces_only()
    {
        using var lab = TelemetryLab.Start(new TelemetryOptions { SamplingRatio = 0 });
        lab.Logs.KeepOnlySampledTraces = true;
        await using var shop = await DemoShop.StartAsync();
        using var http = new HttpClient();
        for (var i = 0; i < 3; i++) await http.GetStringAsync(new Uri(shop.Frontend, "/order"));
        Assert.True(shop.WaitForWorker(3, TimeSpan.FromSeconds(10)));
        lab.Logs.ProviderFor("ops").CreateLogger("ops").LogWarning("Disk almost full");

        Assert.Equal(["Disk almost full"], lab.Logs.Entries.Select(e => e.Message));
        Assert.Equal(12, lab.Logs.SampledOut);   // 4 information lines per request, 3 requests, none sampled
    }
}

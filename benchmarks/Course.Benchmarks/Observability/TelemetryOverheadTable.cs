using System.Diagnostics;
using Course.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Course.Benchmarks.Observability;

/// <summary>
/// What tracing and metrics cost a request, measured side by side in one run: a client calls "front", which calls
/// "back" over HTTP (two server spans, two client spans, W3C context propagated), on loopback, with no telemetry, and
/// with the course's telemetry (RED metrics + OpenTelemetry tracing) at 0 %, 10 % and 100 % head sampling — and at 100 %
/// exporting over OTLP to a collector that is down (connection refused) or hung (accepts, never answers): the issue's
/// "a missing or unreachable exporter never slows a service", as numbers, next to a healthy collector (the cost of
/// exporting at all: serialising every span to protobuf and sending it).
/// Sequential requests (latency) and 4 concurrent clients (throughput); median of a few bounded runs; ratios to the
/// uninstrumented baseline.
///   dotnet run -c Release --project benchmarks/Course.Benchmarks -- --telemetry-table [runs]
/// </summary>
public static class TelemetryOverheadTable
{
    private const int Requests = 3_000;
    private const int Concurrency = 4;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    private enum Collector { None, Healthy, Refusing, Hung }

    private sealed record Setup(string Name, double? Sampling, Collector Otlp = Collector.None);

    public static void Run(int runs) => RunAsync(runs).GetAwaiter().GetResult();

    private static async Task RunAsync(int runs)
    {
        if (runs < 1) throw new ArgumentOutOfRangeException(nameof(runs), runs, "At least one run.");
        Setup[] setups = [new("no telemetry", null), new("telemetry, sampling 0 %", 0), new("telemetry, sampling 10 %", 0.1), new("telemetry, sampling 100 %", 1),
            new("100 %, OTLP collector up", 1, Collector.Healthy), new("100 %, OTLP collector down", 1, Collector.Refusing),
            new("100 %, OTLP collector hung", 1, Collector.Hung)];
        await using var hung = HungCollector.Start();
        await using var healthy = await HealthyCollector.StartAsync();
        Console.WriteLine($"Telemetry overhead: client → front → back over HTTP on loopback; median of {runs} runs of ≤{Requests} requests (≤{Limit.TotalSeconds:0} s); {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"setup",-30}{"µs/request (seq.)",20}{"ratio",8}{"req/s (4 clients)",20}{"ratio",8}{"spans kept",12}");
        // Runs interleave the setups (A B C D A B C D …) so that drift in the machine's load hits them all alike.
        var latencies = setups.ToDictionary(s => s, _ => new List<double>());
        var throughputs = setups.ToDictionary(s => s, _ => new List<double>());
        var spans = setups.ToDictionary(s => s, _ => 0L);
        for (var r = 0; r < runs; r++)
            foreach (var setup in setups)
            {
                var otlp = setup.Otlp switch
                {
                    Collector.Refusing => new Uri("http://127.0.0.1:9"),   // discard port: nothing listens on loopback
                    Collector.Hung => hung.Endpoint,
                    Collector.Healthy => healthy.Endpoint,
                    _ => null,
                };
                using var lab = setup.Sampling is { } ratio
                    ? TelemetryLab.Start(new TelemetryOptions
                    {
                        SamplingRatio = ratio, OtlpEndpoint = otlp, ExportTimeout = TimeSpan.FromSeconds(1),
                        OtlpProtocol = OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf,
                    })
                    : null;
                await using var pair = await TwoHops.StartAsync(instrumented: setup.Sampling is not null);
                await pair.SequentialAsync(300, Limit);   // warm-up: JIT, connection pools
                latencies[setup].Add(await pair.SequentialAsync(Requests, Limit));
                throughputs[setup].Add(await pair.ConcurrentAsync(Requests, Concurrency, Limit));
                lab?.Flush();
                spans[setup] = lab?.Spans.Count ?? 0;
            }
        var baseLatency = TableStatistics.Median(latencies[setups[0]]);
        var baseThroughput = TableStatistics.Median(throughputs[setups[0]]);
        foreach (var setup in setups)
        {
            var latency = TableStatistics.Median(latencies[setup]);
            var throughput = TableStatistics.Median(throughputs[setup]);
            Console.WriteLine($"{setup.Name,-30}{latency,20:0}{latency / baseLatency,8:0.00}{throughput,20:N0}{throughput / baseThroughput,8:0.00}{spans[setup],12:N0}");
        }
    }

    /// <summary>A collector that takes every OTLP/HTTP export and answers 200 at once (it reads and discards the body).</summary>
    private sealed class HealthyCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private HealthyCollector(WebApplication app) => _app = app;
        public Uri Endpoint => new(_app.Urls.First());

        public static async Task<HealthyCollector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.MapPost("/v1/traces", async (HttpContext context) =>
            {
                await context.Request.Body.CopyToAsync(Stream.Null);
                return Results.Bytes([], "application/x-protobuf");
            });
            await app.StartAsync();
            return new HealthyCollector(app);
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    /// <summary>A collector that accepts connections and never answers: the worst case for an exporter (no quick refusal).</summary>
    private sealed class HungCollector : IAsyncDisposable
    {
        private readonly System.Net.Sockets.TcpListener _listener = new(System.Net.IPAddress.Loopback, 0);
        private readonly List<System.Net.Sockets.TcpClient> _held = [];
        private readonly CancellationTokenSource _stop = new();
        private Task _accepting = Task.CompletedTask;

        public Uri Endpoint => new($"http://127.0.0.1:{((System.Net.IPEndPoint)_listener.LocalEndpoint).Port}");

        public static HungCollector Start()
        {
            var collector = new HungCollector();
            collector._listener.Start();
            collector._accepting = collector.AcceptAsync();
            return collector;
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (_held.Count < 1_000)   // bounded: the exporter opens a handful
                    _held.Add(await _listener.AcceptTcpClientAsync(_stop.Token));
            }
            catch (OperationCanceledException) { }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _accepting;
            _listener.Stop();
            foreach (var client in _held) client.Dispose();
            _stop.Dispose();
        }
    }

    private sealed class TwoHops : IAsyncDisposable
    {
        private readonly WebApplication _front, _back;
        private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(5) };

        private TwoHops(WebApplication front, WebApplication back) { _front = front; _back = back; }

        public static async Task<TwoHops> StartAsync(bool instrumented)
        {
            var back = Build("back", instrumented);
            back.MapGet("/item", () => Results.Ok(new { id = 1, name = "book" }));
            await back.StartAsync();
            var backUri = new Uri(new Uri(back.Urls.First()), "/item");
            var front = Build("front", instrumented);
            var downstream = new HttpClient();
            front.MapGet("/page", async () => Results.Text(await downstream.GetStringAsync(backUri)));
            await front.StartAsync();
            return new TwoHops(front, back);
        }

        private static WebApplication Build(string name, bool instrumented)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            if (instrumented) builder.AddCourseTelemetry(name);
            var app = builder.Build();
            if (instrumented) app.UseCourseTelemetry();
            return app;
        }

        private Uri Page => new(new Uri(_front.Urls.First()), "/page");

        /// <summary>Mean microseconds per request, one at a time.</summary>
        public async Task<double> SequentialAsync(int requests, TimeSpan limit)
        {
            var clock = Stopwatch.StartNew();
            var done = 0;
            while (done < requests && clock.Elapsed < limit) { (await _client.GetAsync(Page)).EnsureSuccessStatusCode(); done++; }
            return clock.Elapsed.TotalMicroseconds / done;
        }

        /// <summary>Requests per second with <paramref name="concurrency"/> clients sharing <paramref name="requests"/>.</summary>
        public async Task<double> ConcurrentAsync(int requests, int concurrency, TimeSpan limit)
        {
            var clock = Stopwatch.StartNew();
            var remaining = requests;
            var done = 0;
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                while (Interlocked.Decrement(ref remaining) >= 0 && clock.Elapsed < limit)
                {
                    (await _client.GetAsync(Page)).EnsureSuccessStatusCode();
                    Interlocked.Increment(ref done);
                }
            }));
            return done / clock.Elapsed.TotalSeconds;
        }

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            await _front.DisposeAsync();
            await _back.DisposeAsync();
        }
    }
}

using BenchmarkDotNet.Attributes;
using Course.Gateway;
using Course.Gateway.Backends;
using Course.Gateway.L4;
using Course.Gateway.Probing;
using Course.LoadBalancing.Policies;

namespace Course.Benchmarks.Gateway;

/// <summary>
/// What a proxy costs on loopback, measured in one run against the same backend: GETs straight to the backend (baseline),
/// through the hand-written L4 TCP proxy, and through the YARP L7 gateway. Per operation = one request, so the mean at
/// concurrency 1 is the latency per request (the ratio is the added latency), and at concurrency 8 it is 1/throughput.
/// Bounded: <see cref="Requests"/> requests per invocation, 127.0.0.1 only. Expected shape: L4 adds one socket copy per
/// direction (small); L7 parses and re-serialises HTTP and opens its own upstream pool (larger).
/// </summary>
public class GatewayThroughputBenchmarks
{
    private const int Requests = 100;

    [Params(1, 8)]
    public int Concurrency { get; set; }

    private BackendFleet _fleet = null!;
    private L7Gateway _gateway = null!;
    private TcpProxy _tcp = null!;
    private HttpClient _http = null!;
    private Uri _direct = null!, _l7 = null!, _l4 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _fleet = BackendFleet.StartAsync(["backend"]).GetAwaiter().GetResult();
        _gateway = L7Gateway.StartAsync(GatewayConfig.CatchAll(GatewayCluster.Of("pool", _fleet))).GetAwaiter().GetResult();
        _tcp = TcpProxy.Start(_fleet.Select(TcpBackend.Of), new RoundRobin());
        _http = LoadProbe.Client();
        _direct = new Uri(_fleet[0].Address, "/item");
        _l7 = new Uri(_gateway.Address, "/item");
        _l4 = new Uri(_tcp.HttpAddress, "/item");
    }

    [Benchmark(Baseline = true, Description = "direct to the backend", OperationsPerInvoke = Requests)]
    public Task Direct() => RunAsync(_direct);

    [Benchmark(Description = "through the L4 TCP proxy", OperationsPerInvoke = Requests)]
    public Task ThroughL4() => RunAsync(_l4);

    [Benchmark(Description = "through the YARP L7 gateway", OperationsPerInvoke = Requests)]
    public Task ThroughYarp() => RunAsync(_l7);

    private async Task RunAsync(Uri url)
    {
        var results = await LoadProbe.SendConcurrentAsync(_http, url, Requests, Concurrency).ConfigureAwait(false);
        foreach (var result in results)
            if (result.Status != 200) throw new InvalidOperationException($"request {result.Index} to {url} answered {result.Status}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        _tcp.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _gateway.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _fleet.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}

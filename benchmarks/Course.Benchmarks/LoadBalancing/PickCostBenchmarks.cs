using BenchmarkDotNet.Attributes;
using Course.LoadBalancing;
using Course.LoadBalancing.Policies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Model;
using YarpPolicy = Yarp.ReverseProxy.LoadBalancing.ILoadBalancingPolicy;

namespace Course.Benchmarks.LoadBalancing;

/// <summary>
/// The cost of one pick, per algorithm, for 10 and 100 healthy backends with uneven requests in flight — the
/// course's policies next to YARP's built-in ones (the production reference) in the same run. Expected shape:
/// round robin, random-free P2C and Maglev O(1); least connections, peak EWMA and smooth WRR O(n) scans;
/// the bounded-load ring O(log(n·v)) plus an O(n) sum of loads. Keys are pre-built strings, so the hashing
/// policies pay for hashing the key (as they would per request).
/// </summary>
public class PickCostBenchmarks
{
    private const int Batch = 1024;

    [Params(10, 100)]
    public int Backends { get; set; }

    private IReadOnlyList<BackendState> backends = [];
    private RequestContext[] contexts = [];
    private readonly Dictionary<string, ILoadBalancingPolicy> ours = [];

    private DestinationState[] destinations = [];
    private ClusterState cluster = null!;
    private HttpContext http = null!;
    private readonly Dictionary<string, YarpPolicy> yarp = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        backends = BackendState.Pool(Enumerable.Range(0, Backends).Select(i => ($"b{i}", 1 + i % 3)).ToArray());
        foreach (var b in backends)
            for (var k = random.Next(8); k > 0; k--) b.RequestStarted(TimeSpan.Zero);
        contexts = Enumerable.Range(0, Batch).Select(i => new RequestContext(TimeSpan.FromSeconds(1), random, $"user-{random.Next(100_000)}")).ToArray();
        foreach (var make in Algorithms.All)
        {
            var p = make();
            ours[p.Name] = p;
            p.Pick(backends, contexts[0]);   // build rings/tables outside the measurement
        }

        destinations = Enumerable.Range(0, Backends).Select(i => new DestinationState($"b{i}") { ConcurrentRequestCount = backends[i].InFlight }).ToArray();
        cluster = new ClusterState("bench");
        http = new DefaultHttpContext();
        var services = new ServiceCollection();
        services.AddReverseProxy();
        foreach (var p in services.BuildServiceProvider().GetServices<YarpPolicy>()) yarp[p.Name] = p;
    }

    private int Ours(string name)
    {
        var policy = ours[name];
        var sum = 0;
        foreach (var ctx in contexts) sum += policy.Pick(backends, ctx)!.Weight;
        return sum;
    }

    private int Yarp(string name)
    {
        var policy = yarp[name];
        var sum = 0;
        for (var i = 0; i < Batch; i++) sum += policy.PickDestination(http, cluster, destinations)!.DestinationId.Length;
        return sum;
    }

    [Benchmark(Baseline = true, Description = "round robin", OperationsPerInvoke = Batch)] public int RoundRobin() => Ours("round-robin");
    [Benchmark(Description = "smooth WRR", OperationsPerInvoke = Batch)] public int SmoothWrr() => Ours("smooth-WRR");
    [Benchmark(Description = "random (weighted)", OperationsPerInvoke = Batch)] public int Random() => Ours("random");
    [Benchmark(Description = "least connections", OperationsPerInvoke = Batch)] public int LeastConnections() => Ours("least-conn");
    [Benchmark(Description = "peak EWMA (scan)", OperationsPerInvoke = Batch)] public int PeakEwma() => Ours("peak-EWMA");
    [Benchmark(Description = "P2C", OperationsPerInvoke = Batch)] public int P2C() => Ours("P2C");
    [Benchmark(Description = "P2C + peak EWMA", OperationsPerInvoke = Batch)] public int P2CEwma() => Ours("P2C-peak-EWMA");
    [Benchmark(Description = "bounded-load hash ring", OperationsPerInvoke = Batch)] public int BoundedHash() => Ours("hash-bounded(ε=0.25)");
    [Benchmark(Description = "Maglev", OperationsPerInvoke = Batch)] public int Maglev() => Ours("maglev");

    [Benchmark(Description = "YARP RoundRobin", OperationsPerInvoke = Batch)] public int YarpRoundRobin() => Yarp("RoundRobin");
    [Benchmark(Description = "YARP LeastRequests", OperationsPerInvoke = Batch)] public int YarpLeastRequests() => Yarp("LeastRequests");
    [Benchmark(Description = "YARP PowerOfTwoChoices", OperationsPerInvoke = Batch)] public int YarpP2C() => Yarp("PowerOfTwoChoices");
}

using Course.Gateway.Backends;

namespace Course.Gateway.Probing;

/// <summary>One policy's run: requests served per backend and the client-side latency percentiles (nearest rank).</summary>
public sealed record PolicyRun(string Policy, IReadOnlyDictionary<string, int> Served, double P50Ms, double P95Ms, double MaxMs, int Errors);

/// <summary>
/// The same bounded load through one YARP gateway per policy, over the same backends (set their latencies first, e.g. one
/// slow server): the side-by-side that shows round robin feeding a slow server its full share while least-connections and
/// P2C starve it. Gateways are started and stopped one at a time.
/// </summary>
public static class PolicyComparison
{
    public static async Task<IReadOnlyList<PolicyRun>> RunAsync(IReadOnlyList<LoopbackBackend> backends, IEnumerable<string> policies, int requests, int concurrency,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(backends);
        var runs = new List<PolicyRun>();
        using var http = LoadProbe.Client();
        foreach (var policy in policies)
        {
            var config = GatewayConfig.CatchAll(GatewayCluster.Of("pool", backends) with { Policy = policy });
            await using var gateway = await L7Gateway.StartAsync(config, cancellationToken: cancellationToken).ConfigureAwait(false);
            var results = await LoadProbe.SendConcurrentAsync(http, new Uri(gateway.Address, "/item"), requests, concurrency,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            runs.Add(Summarise(policy, backends, results));
        }
        return runs;
    }

    public static PolicyRun Summarise(string policy, IEnumerable<LoopbackBackend> backends, IReadOnlyList<ProbeResult> results)
    {
        var latencies = results.Select(r => r.Latency.TotalMilliseconds).Order().ToArray();
        var counts = LoadProbe.CountByBackend(results);
        var served = backends.ToDictionary(b => b.Name, b => counts.GetValueOrDefault(b.Name));
        return new PolicyRun(policy, served, Percentile(latencies, 0.50), Percentile(latencies, 0.95), latencies.LastOrDefault(),
            results.Count(r => !r.Succeeded));
    }

    /// <summary>Nearest-rank percentile of sorted values (0 for none).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}

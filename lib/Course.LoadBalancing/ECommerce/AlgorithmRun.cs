using Course.Distributed.Hashing;
using Course.LoadBalancing.Health;

namespace Course.LoadBalancing.ECommerce;

/// <summary>
/// The outcome of one algorithm on one scenario and seed: every request, per-server usage and the health
/// timeline. Latency percentiles are over successful requests (nearest rank); errors are counted apart.
/// </summary>
public sealed class AlgorithmRun
{
    private readonly double[] _sortedOkLatencies;

    public AlgorithmRun(string algorithm, int seed, TimeSpan duration, IReadOnlyList<RequestRecord> requests,
        IReadOnlyList<ServerUsage> servers, IReadOnlyList<(string Tier, HealthEvent Event)> healthEvents)
    {
        Algorithm = algorithm;
        Seed = seed;
        Duration = duration;
        Requests = requests;
        Servers = servers;
        HealthEvents = healthEvents;
        _sortedOkLatencies = requests.Where(r => r.Ok).Select(r => r.LatencyMs).Order().ToArray();
    }

    public string Algorithm { get; }
    public int Seed { get; }
    public TimeSpan Duration { get; }
    public IReadOnlyList<RequestRecord> Requests { get; }
    public IReadOnlyList<ServerUsage> Servers { get; }
    public IReadOnlyList<(string Tier, HealthEvent Event)> HealthEvents { get; }

    public int Errors => Requests.Count - _sortedOkLatencies.Length;
    public double ErrorRate => Requests.Count == 0 ? 0 : (double)Errors / Requests.Count;
    public double ThroughputPerSecond => _sortedOkLatencies.Length / Duration.TotalSeconds;
    public IReadOnlyList<double> SortedLatenciesMs => _sortedOkLatencies;

    /// <summary>The <paramref name="q"/>-quantile of successful latencies, nearest rank (q = 0.99 for p99).</summary>
    public double Percentile(double q) => Quantile.NearestRank(_sortedOkLatencies, q);

    /// <summary>A hash of every request's time, server, latency and status: equal fingerprints mean identical runs.</summary>
    public ulong Fingerprint()
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var r in Requests)
        {
            h = KeyHash.Mix(h ^ (ulong)r.At.Ticks);
            h = KeyHash.Mix(h ^ KeyHash.Of(r.Server ?? "-"));
            h = KeyHash.Mix(h ^ (ulong)BitConverter.DoubleToInt64Bits(r.LatencyMs));
            h = KeyHash.Mix(h ^ (ulong)r.Status);
        }
        return h;
    }

    public ReportRow Row() => new(Algorithm, Requests.Count, ThroughputPerSecond, Percentile(0.5), Percentile(0.95), Percentile(0.99),
        ErrorRate, Servers.Max(s => s.Utilisation));
}

/// <summary>One line of the comparison table.</summary>
public sealed record ReportRow(string Algorithm, int Requests, double ThroughputPerSecond, double P50Ms, double P95Ms, double P99Ms, double ErrorRate, double MaxUtilisation);

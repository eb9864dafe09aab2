using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Course.Gateway;

/// <summary>
/// Passive health as outlier ejection (Envoy's <c>consecutive_5xx</c>): after N failed answers in a row — a 5xx or a
/// transport failure — the destination is marked unhealthy for the ejection period, then YARP lets it back in.
/// YARP's built-in passive policy counts transport failures only, so a backend answering 500s would never be ejected.
/// </summary>
internal sealed class ConsecutiveFailuresEjection(IDestinationHealthUpdater health) : IPassiveHealthCheckPolicy
{
    public const string PolicyName = "Course.ConsecutiveFailures";
    public const string ThresholdMetadata = "Course.PassiveThreshold";

    private readonly ConditionalWeakTable<DestinationState, StrongBox<int>> _failures = new();

    public string Name => PolicyName;

    public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
    {
        var failed = context.Features.Get<IForwarderErrorFeature>() is not null || context.Response.StatusCode >= 500;
        var count = _failures.GetOrCreateValue(destination);
        if (!failed)
        {
            Interlocked.Exchange(ref count.Value, 0);
            return;
        }
        var threshold = cluster.Model.Config.Metadata?.TryGetValue(ThresholdMetadata, out var t) == true ? int.Parse(t) : 1;
        if (Interlocked.Increment(ref count.Value) < threshold) return;
        Interlocked.Exchange(ref count.Value, 0);
        var period = cluster.Model.Config.HealthCheck?.Passive?.ReactivationPeriod ?? TimeSpan.FromSeconds(30);
        health.SetPassive(cluster, destination, DestinationHealth.Unhealthy, period);
    }
}

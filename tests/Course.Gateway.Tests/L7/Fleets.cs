using Course.Gateway.Backends;
using Course.Gateway.Probing;

namespace Course.Gateway.Tests.L7;

/// <summary>Three backends a, b, c behind one catch-all cluster — the setting of most balancing tests.</summary>
internal static class Fleets
{
    public static Task<BackendFleet> AbcAsync() => BackendFleet.StartAsync("a", "b", "c");

    public static Task<L7Gateway> GatewayAsync(BackendFleet fleet, Func<GatewayCluster, GatewayCluster> configure, params CoursePolicyRegistration[] policies) =>
        L7Gateway.StartAsync(GatewayConfig.CatchAll(configure(GatewayCluster.Of("pool", fleet)), policies));

    public static Task<IReadOnlyList<ProbeResult>> GetAsync(HttpClient http, L7Gateway gateway, int count, string path = "/item") =>
        LoadProbe.SendAsync(http, new Uri(gateway.Address, path), count);
}

namespace Course.Gateway.Tests.L7;

/// <summary>Bad gateway configuration fails when the config is built, with a message naming the mistake — never at the first request.</summary>
public sealed class ConfigValidationTests
{
    private static readonly Uri A = new("http://127.0.0.1:1/");
    private static GatewayCluster Pool(string id = "pool") => new(id, [new GatewayDestination("a", A)]);

    [Fact]
    public void An_empty_backend_pool_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new GatewayCluster("pool", []));
        Assert.Contains("cluster 'pool' has no destinations", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Zero_and_negative_weights_are_rejected(int weight)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new GatewayDestination("a", A, weight));
        Assert.Contains($"destination 'a' has weight {weight}", e.Message);
    }

    [Fact]
    public void A_route_to_an_unknown_cluster_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new GatewayConfig([new GatewayRoute("r", "/x/{**rest}", "nowhere")], [Pool()]));
        Assert.Contains("route 'r' sends to cluster 'nowhere', which is not configured; known clusters: pool", e.Message);
    }

    [Theory]
    [InlineData("/api/{id")]
    [InlineData("/api/{**rest}/more")]
    [InlineData("/api/{a}{b}")]
    public void A_malformed_path_pattern_is_rejected(string pattern)
    {
        var e = Assert.Throws<ArgumentException>(() => new GatewayConfig([new GatewayRoute("r", pattern, "pool")], [Pool()]));
        Assert.Contains($"route 'r' has a malformed path pattern '{pattern}'", e.Message);
    }

    [Fact]
    public void Duplicate_ids_unknown_policies_and_empty_parts_are_rejected()
    {
        Assert.Contains("route id 'r' is used 2 times", Assert.Throws<ArgumentException>(() =>
            new GatewayConfig([new GatewayRoute("r", "/a", "pool"), new GatewayRoute("R", "/b", "pool")], [Pool()])).Message);
        Assert.Contains("cluster 'pool' lists destination 'a' 2 times", Assert.Throws<ArgumentException>(() =>
            new GatewayCluster("pool", [new GatewayDestination("a", A), new GatewayDestination("a", A)])).Message);
        Assert.Contains("balancing policy 'Fastest', which is neither YARP's nor a registered course policy", Assert.Throws<ArgumentException>(() =>
            GatewayConfig.CatchAll(Pool() with { Policy = "Fastest" })).Message);
        Assert.Contains("a gateway needs at least one route", Assert.Throws<ArgumentException>(() => new GatewayConfig([], [Pool()])).Message);
        Assert.Contains("route 'r' has an empty path pattern", Assert.Throws<ArgumentException>(() => new GatewayRoute("r", " ", "pool")).Message);
        Assert.Contains("must be an absolute http(s) URI", Assert.Throws<ArgumentException>(() => new GatewayDestination("a", new Uri("ftp://127.0.0.1/"))).Message);
    }

    [Fact]
    public void Bad_health_and_retry_settings_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GatewayConfig.CatchAll(Pool() with { Retry = new RetryPolicy(0) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => GatewayConfig.CatchAll(Pool() with { Health = new HealthChecking { ActiveInterval = TimeSpan.Zero } }));
        Assert.Throws<ArgumentOutOfRangeException>(() => GatewayConfig.CatchAll(Pool() with { Health = new HealthChecking { PassiveThreshold = 0 } }));
    }
}

using Course.Gateway.Api;
using Course.Gateway.Backends;
using Course.Gateway.Probing;
using Course.Infrastructure;

namespace Course.Gateway.Tests.Api;

/// <summary>Per-client limits: 429 with Retry-After over the limit, in process and shared by two gateways through Redis.</summary>
public sealed class RateLimitTests
{
    private static async Task<ApiGateway> GatewayAsync(BackendFleet fleet, RateLimitSpec limit) =>
        await ApiGateway.StartAsync(new ApiGatewayOptions(GatewayConfig.CatchAll(GatewayCluster.Of("pool", fleet))) { RateLimit = limit });

    private static Task<IReadOnlyList<ProbeResult>> AsClientAsync(HttpClient http, ApiGateway gateway, string client, int count) =>
        LoadProbe.SendAsync(http, new Uri(gateway.Address, "/item"), count, (_, r) => r.Headers.Add(BackendHeaders.ClientId, client));

    public static TheoryData<RateLimitSpec> InProcessLimits => new()
    {
        new RateLimitSpec.TokenBucket(Capacity: 3, TokensPerPeriod: 3, Period: TimeSpan.FromMinutes(1)),
        new RateLimitSpec.SlidingWindow(Permits: 3, Window: TimeSpan.FromMinutes(1), Segments: 4),
    };

    [Theory]
    [MemberData(nameof(InProcessLimits))]
    public async Task Over_the_limit_a_client_gets_429_with_Retry_After_and_others_are_unaffected(RateLimitSpec limit)
    {
        await using var fleet = await BackendFleet.StartAsync("a");
        await using var gateway = await GatewayAsync(fleet, limit);
        using var http = LoadProbe.Client();

        var alice = await AsClientAsync(http, gateway, "alice", 5);
        var bob = await AsClientAsync(http, gateway, "bob", 3);

        Assert.Equal([200, 200, 200, 429, 429], alice.Select(r => r.Status));
        Assert.All(alice.Skip(3), r => Assert.InRange(r.RetryAfterSeconds ?? -1, 1, 60));
        Assert.Equal([200, 200, 200], bob.Select(r => r.Status));
        Assert.Equal(6, fleet["a"].Served);                       // rejected requests never reach a backend
        Assert.Equal([true, true, true, false, false, true, true, true], gateway.RateLimitEvents.Select(e => e.Accepted));
    }

    [SkippableFact]
    public async Task Two_gateways_sharing_Redis_share_one_budget()
    {
        await using var redis = await CourseServices.RedisAsync();
        Skip.IfNot(redis.IsAvailable, redis.Description);
        await using var fleet = await BackendFleet.StartAsync("a");
        // 6 tokens, refilled at 6 per 10 minutes: no token comes back during the test.
        var shared = new RateLimitSpec.DistributedTokenBucket(redis.Address, Capacity: 6, TokensPerSecond: 6 / 600.0, KeyPrefix: $"test:{Guid.NewGuid():N}:");
        await using var one = await GatewayAsync(fleet, shared);
        await using var two = await GatewayAsync(fleet, shared);
        using var http = LoadProbe.Client();

        var results = new List<ProbeResult>();
        for (var i = 0; i < 10; i++) results.AddRange(await AsClientAsync(http, i % 2 == 0 ? one : two, "alice", 1));

        Assert.Equal([200, 200, 200, 200, 200, 200, 429, 429, 429, 429], results.Select(r => r.Status));
        Assert.All(results.Skip(6), r => Assert.InRange(r.RetryAfterSeconds ?? -1, 1, 101));   // 1 token at 0.01/s: ≤ 100 s
        Assert.Equal(3, one.RateLimitEvents.Count(e => e.Accepted));
        Assert.Equal(3, two.RateLimitEvents.Count(e => e.Accepted));
        Assert.Equal(6, fleet["a"].Served);
    }

    [Fact]
    public async Task Two_gateways_with_local_limits_let_twice_the_budget_through()
    {
        await using var fleet = await BackendFleet.StartAsync("a");
        var local = new RateLimitSpec.TokenBucket(Capacity: 6, TokensPerPeriod: 6, Period: TimeSpan.FromMinutes(10));
        await using var one = await GatewayAsync(fleet, local);
        await using var two = await GatewayAsync(fleet, local);
        using var http = LoadProbe.Client();

        var results = new List<ProbeResult>();
        for (var i = 0; i < 12; i++) results.AddRange(await AsClientAsync(http, i % 2 == 0 ? one : two, "alice", 1));

        Assert.All(results, r => Assert.Equal(200, r.Status));   // 12 through a "6 per client" limit: why the limit must be shared
    }

    [Fact]
    public async Task Bad_limits_fail_at_configuration_time()
    {
        var config = GatewayConfig.CatchAll(new GatewayCluster("c", [new GatewayDestination("a", new Uri("http://127.0.0.1:1/"))]));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ApiGateway.StartAsync(new ApiGatewayOptions(config) { RateLimit = new RateLimitSpec.TokenBucket(0, 1, TimeSpan.FromSeconds(1)) }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ApiGateway.StartAsync(new ApiGatewayOptions(config) { RateLimit = new RateLimitSpec.SlidingWindow(5, TimeSpan.Zero) }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ApiGateway.StartAsync(new ApiGatewayOptions(config) { RateLimit = new RateLimitSpec.DistributedTokenBucket("127.0.0.1:1", 5, 0) }));
    }
}

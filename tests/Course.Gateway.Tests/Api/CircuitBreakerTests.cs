using Course.Gateway.Api;
using Course.Gateway.Backends;
using Course.Gateway.Probing;
using Polly.CircuitBreaker;

namespace Course.Gateway.Tests.Api;

/// <summary>Polly's circuit breaker and timeout in front of a cluster: opens, fails fast, half-opens, closes or reopens.</summary>
public sealed class CircuitBreakerTests
{
    private static readonly ResilienceSpec Spec = new()
    {
        FailureRatio = 0.5, MinimumThroughput = 4, SamplingDuration = TimeSpan.FromMinutes(1), BreakDuration = TimeSpan.FromSeconds(30),
        Timeout = TimeSpan.FromMilliseconds(500),
    };

    private static Task<ApiGateway> GatewayAsync(BackendFleet fleet, TimeProvider time) =>
        ApiGateway.StartAsync(new ApiGatewayOptions(GatewayConfig.CatchAll(GatewayCluster.Of("pool", fleet))) { Resilience = Spec, Time = time });

    private static Task<IReadOnlyList<ProbeResult>> GetAsync(HttpClient http, ApiGateway gateway, int count) =>
        LoadProbe.SendAsync(http, new Uri(gateway.Address, "/item"), count);

    [Fact]
    public async Task Opens_after_failures_then_fails_fast_without_calling_the_backend()
    {
        var clock = new ManualClock();
        await using var fleet = await BackendFleet.StartAsync("a");
        await using var gateway = await GatewayAsync(fleet, clock);
        using var http = LoadProbe.Client();

        fleet["a"].Failing = true;
        var failing = await GetAsync(http, gateway, 4);
        var fast = await GetAsync(http, gateway, 5);

        Assert.All(failing, r => Assert.Equal(500, r.Status));
        Assert.Equal(CircuitState.Open, gateway.Circuits["pool"].State);
        Assert.All(fast, r => Assert.Equal(503, r.Status));
        Assert.All(fast, r => Assert.Equal(30, r.RetryAfterSeconds));   // the whole break is left: the clock did not move
        Assert.Equal(4, fleet["a"].Served);
    }

    [Fact]
    public async Task Half_opens_after_the_break_and_closes_on_a_successful_trial()
    {
        var clock = new ManualClock();
        await using var fleet = await BackendFleet.StartAsync("a");
        await using var gateway = await GatewayAsync(fleet, clock);
        using var http = LoadProbe.Client();

        fleet["a"].Failing = true;
        await GetAsync(http, gateway, 4);
        fleet["a"].Failing = false;
        Assert.Equal(503, (await GetAsync(http, gateway, 1)).Single().Status);   // recovered, but the break is not over
        clock.Advance(TimeSpan.FromSeconds(31));
        var after = await GetAsync(http, gateway, 3);

        Assert.All(after, r => Assert.Equal(200, r.Status));
        Assert.Equal(7, fleet["a"].Served);
        Assert.Equal([CircuitState.Closed, CircuitState.Open, CircuitState.HalfOpen, CircuitState.Closed],
            gateway.Circuits["pool"].Timeline.Select(t => t.State));
        Assert.Equal(TimeSpan.FromSeconds(31), gateway.Circuits["pool"].Timeline[2].At);
    }

    [Fact]
    public async Task A_failed_trial_opens_the_circuit_again()
    {
        var clock = new ManualClock();
        await using var fleet = await BackendFleet.StartAsync("a");
        await using var gateway = await GatewayAsync(fleet, clock);
        using var http = LoadProbe.Client();

        fleet["a"].Failing = true;
        await GetAsync(http, gateway, 4);
        clock.Advance(TimeSpan.FromSeconds(31));
        var trial = await GetAsync(http, gateway, 1);
        var next = await GetAsync(http, gateway, 2);

        Assert.Equal(500, trial.Single().Status);                    // the one trial call reached the backend
        Assert.All(next, r => Assert.Equal(503, r.Status));          // and failed, so the circuit is open again
        Assert.Equal(5, fleet["a"].Served);
        Assert.Equal([CircuitState.Closed, CircuitState.Open, CircuitState.HalfOpen, CircuitState.Open],
            gateway.Circuits["pool"].Timeline.Select(t => t.State));
    }

    [Fact]
    public async Task A_slow_backend_is_cut_off_with_504()
    {
        await using var fleet = await BackendFleet.StartAsync("a");
        await using var gateway = await GatewayAsync(fleet, TimeProvider.System);
        using var http = LoadProbe.Client();

        var slow = await LoadProbe.SendAsync(http, new Uri(gateway.Address, $"/item?{BackendHeaders.DelayQuery}=3000"), 1);

        Assert.Equal(504, slow.Single().Status);
    }

    [Fact]
    public async Task Bad_circuit_settings_fail_at_configuration_time()
    {
        var config = GatewayConfig.CatchAll(new GatewayCluster("c", [new GatewayDestination("a", new Uri("http://127.0.0.1:1/"))]));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ApiGateway.StartAsync(new ApiGatewayOptions(config) { Resilience = Spec with { FailureRatio = 0 } }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ApiGateway.StartAsync(new ApiGatewayOptions(config) { Resilience = Spec with { MinimumThroughput = 1 } }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ApiGateway.StartAsync(new ApiGatewayOptions(config) { Resilience = Spec with { Timeout = TimeSpan.Zero } }));
    }
}

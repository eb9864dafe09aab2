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

    /// <summary>One backend "a" behind an API gateway whose circuit breakers read a hand-moved clock.</summary>
    private sealed class Rig : IAsyncDisposable
    {
        public ManualClock Clock { get; } = new();
        public BackendFleet Fleet { get; private set; } = null!;
        public ApiGateway Gateway { get; private set; } = null!;
        public HttpClient Http { get; } = LoadProbe.Client();
        public LoopbackBackend Backend => Fleet["a"];
        public CircuitMonitor Circuit => Gateway.Circuits["pool"];

        public static async Task<Rig> StartAsync(TimeProvider? time = null)
        {
            var rig = new Rig();
            rig.Fleet = await BackendFleet.StartAsync("a");
            rig.Gateway = await ApiGateway.StartAsync(new ApiGatewayOptions(GatewayConfig.CatchAll(GatewayCluster.Of("pool", rig.Fleet)))
                { Resilience = Spec, Time = time ?? rig.Clock });
            return rig;
        }

        public Task<IReadOnlyList<ProbeResult>> GetAsync(int count, string path = "/item") =>
            LoadProbe.SendAsync(Http, new Uri(Gateway.Address, path), count);

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await Gateway.DisposeAsync();
            await Fleet.DisposeAsync();
        }
    }

    [Fact]
    public async Task Opens_after_failures_then_fails_fast_without_calling_the_backend()
    {
        await using var rig = await Rig.StartAsync();

        rig.Backend.Failing = true;
        var failing = await rig.GetAsync(4);
        var fast = await rig.GetAsync(5);

        Assert.All(failing, r => Assert.Equal(500, r.Status));
        Assert.Equal(CircuitState.Open, rig.Circuit.State);
        Assert.All(fast, r => Assert.Equal(503, r.Status));
        Assert.All(fast, r => Assert.Equal(30, r.RetryAfterSeconds));   // the whole break is left: the clock did not move
        Assert.Equal(4, rig.Backend.Served);
    }

    [Fact]
    public async Task Half_opens_after_the_break_and_closes_on_a_successful_trial()
    {
        await using var rig = await Rig.StartAsync();

        rig.Backend.Failing = true;
        await rig.GetAsync(4);
        rig.Backend.Failing = false;
        Assert.Equal(503, (await rig.GetAsync(1)).Single().Status);   // recovered, but the break is not over
        rig.Clock.Advance(TimeSpan.FromSeconds(31));
        var after = await rig.GetAsync(3);

        Assert.All(after, r => Assert.Equal(200, r.Status));
        Assert.Equal(7, rig.Backend.Served);
        Assert.Equal([CircuitState.Closed, CircuitState.Open, CircuitState.HalfOpen, CircuitState.Closed],
            rig.Circuit.Timeline.Select(t => t.State));
        Assert.Equal(TimeSpan.FromSeconds(31), rig.Circuit.Timeline[2].At);
    }

    [Fact]
    public async Task A_failed_trial_opens_the_circuit_again()
    {
        await using var rig = await Rig.StartAsync();

        rig.Backend.Failing = true;
        await rig.GetAsync(4);
        rig.Clock.Advance(TimeSpan.FromSeconds(31));
        var trial = await rig.GetAsync(1);
        var next = await rig.GetAsync(2);

        Assert.Equal(500, trial.Single().Status);                    // the one trial call reached the backend
        Assert.All(next, r => Assert.Equal(503, r.Status));          // and failed, so the circuit is open again
        Assert.Equal(5, rig.Backend.Served);
        Assert.Equal([CircuitState.Closed, CircuitState.Open, CircuitState.HalfOpen, CircuitState.Open],
            rig.Circuit.Timeline.Select(t => t.State));
    }

    [Fact]
    public async Task A_slow_backend_is_cut_off_with_504()
    {
        await using var rig = await Rig.StartAsync(TimeProvider.System);

        var slow = await rig.GetAsync(1, $"/item?{BackendHeaders.DelayQuery}=3000");

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

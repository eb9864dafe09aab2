using Course.Gateway.Backends;
using Course.Gateway.Haproxy;
using Course.Gateway.Probing;
using Course.Infrastructure;

namespace Course.Gateway.Tests.Haproxy;

/// <summary>HAProxy (the Debian package) started from a generated config, checked to balance as configured.</summary>
public sealed class HaproxyTests
{
    /// <summary>Backends a, b, c behind a fresh HAProxy; skips (with the reason) only when the binary is absent.</summary>
    private sealed class Rig : IAsyncDisposable
    {
        public BackendFleet Fleet { get; private set; } = null!;
        public ServiceEndpoint Haproxy { get; private set; } = null!;
        public HttpClient Http { get; } = LoadProbe.Client();
        public Uri Url(string path) => new(HaproxyProcess.HttpAddress(Haproxy), path);

        public static async Task<Rig> StartAsync(HaproxyBalance balance)
        {
            Skip.If(LocalProcessServer.FindExecutable("haproxy") is null, "haproxy is not installed: " + HaproxyProcess.InstallHint);
            var rig = new Rig { Fleet = await BackendFleet.StartAsync("a", "b", "c") };
            rig.Haproxy = await HaproxyProcess.StartAsync(balance, rig.Fleet);
            Assert.True(rig.Haproxy.IsAvailable, rig.Haproxy.Description);   // installed but not starting is a failure, not a skip
            return rig;
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await Haproxy.DisposeAsync();
            await Fleet.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Roundrobin_spreads_requests_evenly()
    {
        await using var rig = await Rig.StartAsync(HaproxyBalance.RoundRobin);

        var results = await LoadProbe.SendAsync(rig.Http, rig.Url("/item"), 30);

        Assert.All(results, r => Assert.Equal(200, r.Status));
        Assert.Equal(new Dictionary<string, int> { ["a"] = 10, ["b"] = 10, ["c"] = 10 }, LoadProbe.CountByBackend(results));
    }

    [SkippableFact]
    public async Task Source_sends_one_client_address_to_one_server()
    {
        await using var rig = await Rig.StartAsync(HaproxyBalance.Source);

        var results = await LoadProbe.SendAsync(rig.Http, rig.Url("/item"), 20);

        Assert.Single(LoadProbe.CountByBackend(results));   // every request comes from 127.0.0.1
    }

    [SkippableFact]
    public async Task Leastconn_avoids_servers_busy_with_slow_requests()
    {
        await using var rig = await Rig.StartAsync(HaproxyBalance.LeastConn);

        // Two slow requests occupy two servers; the quick ones that follow must all go to the third. "Slow" is 3 s so
        // that the six quick ones finish while both are still held, even on a busy CI machine.
        var slow = LoadProbe.SendConcurrentAsync(rig.Http, rig.Url($"/slow?{BackendHeaders.DelayQuery}=3000"), 2, concurrency: 2);
        for (var i = 0; i < 1000 && rig.Fleet.Sum(b => b.InFlight) < 2; i++) await Task.Delay(10);
        Assert.Equal(2, rig.Fleet.Sum(b => b.InFlight));
        var quick = await LoadProbe.SendAsync(rig.Http, rig.Url("/item"), 6);
        var busy = (await slow).Select(r => r.Backend).ToHashSet();

        Assert.Equal(2, busy.Count);
        var idle = Assert.Single(rig.Fleet.Select(b => b.Name).Except(busy!));
        Assert.All(quick, r => Assert.Equal(idle, r.Backend));
    }

    [Fact]
    public void The_generated_config_binds_loopback_and_names_the_algorithm()
    {
        var config = HaproxyConfig.Render(8404, HaproxyBalance.LeastConn,
            [new HaproxyServer("a", new Uri("http://127.0.0.1:5001/")), new HaproxyServer("b", new Uri("http://127.0.0.1:5002/"), 3)]);

        Assert.Contains("bind 127.0.0.1:8404", config);
        Assert.Contains("balance leastconn", config);
        Assert.Contains("server a 127.0.0.1:5001 weight 1", config);
        Assert.Contains("server b 127.0.0.1:5002 weight 3", config);
    }

    [Fact]
    public void Bad_servers_are_rejected_before_HAProxy_starts()
    {
        Assert.Throws<ArgumentException>(() => HaproxyConfig.Render(8404, HaproxyBalance.RoundRobin, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HaproxyServer("a", new Uri("http://127.0.0.1:1/"), 0));
        Assert.Throws<ArgumentException>(() => new HaproxyServer("a", new Uri("http://10.0.0.1:80/")));
        Assert.Throws<ArgumentException>(() => new HaproxyServer("has space", new Uri("http://127.0.0.1:1/")));
    }
}

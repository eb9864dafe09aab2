using System.Net.Sockets;
using Course.Gateway.Backends;
using Course.Gateway.L4;
using Course.Gateway.Probing;
using Course.LoadBalancing.Policies;

namespace Course.Gateway.Tests.L4;

/// <summary>The hand-written L4 proxy: it pipes bytes, balances connections (not requests), and cannot see paths.</summary>
public sealed class TcpProxyTests
{
    private static void CloseEach(int _, HttpRequestMessage request) => request.Headers.ConnectionClose = true;

    [Fact]
    public async Task Pipes_HTTP_through_untouched_and_round_robins_connections()
    {
        await using var fleet = await BackendFleet.StartAsync("a", "b", "c");
        await using var proxy = TcpProxy.Start(fleet.Select(TcpBackend.Of), new RoundRobin());
        using var http = LoadProbe.Client();

        var results = await LoadProbe.SendAsync(http, new Uri(proxy.HttpAddress, "/item"), 30, CloseEach);   // one connection per request

        Assert.All(results, r => Assert.Equal(200, r.Status));
        Assert.Equal(new Dictionary<string, int> { ["a"] = 10, ["b"] = 10, ["c"] = 10 }, LoadProbe.CountByBackend(results));
        Assert.Equal(new Dictionary<string, long> { ["a"] = 10, ["b"] = 10, ["c"] = 10 }, proxy.Accepted);
    }

    [Fact]
    public async Task One_keep_alive_connection_sticks_to_one_backend()
    {
        await using var fleet = await BackendFleet.StartAsync("a", "b", "c");
        await using var proxy = TcpProxy.Start(fleet.Select(TcpBackend.Of), new RoundRobin());
        using var http = LoadProbe.Client();

        var results = await LoadProbe.SendAsync(http, new Uri(proxy.HttpAddress, "/item"), 30);   // HttpClient reuses its connection

        Assert.Single(LoadProbe.CountByBackend(results));                 // an L7 proxy would have spread these 10/10/10
        Assert.Equal(1, proxy.Accepted.Values.Sum());
    }

    [Fact]
    public async Task Cannot_route_by_path_both_paths_follow_the_rotation()
    {
        await using var fleet = await BackendFleet.StartAsync("catalog", "cart");
        await using var proxy = TcpProxy.Start(fleet.Select(TcpBackend.Of), new RoundRobin());
        using var http = LoadProbe.Client();

        var catalog = await LoadProbe.SendAsync(http, new Uri(proxy.HttpAddress, "/catalog/1"), 4, CloseEach);
        var cart = await LoadProbe.SendAsync(http, new Uri(proxy.HttpAddress, "/cart/1"), 4, CloseEach);

        Assert.Equal(["catalog", "cart", "catalog", "cart"], catalog.Select(r => r.Backend));
        Assert.Equal(["catalog", "cart", "catalog", "cart"], cart.Select(r => r.Backend));
    }

    [Fact]
    public async Task Least_connections_sends_new_connections_to_the_backend_without_open_ones()
    {
        await using var fleet = await BackendFleet.StartAsync("a", "b", "c");
        await using var proxy = TcpProxy.Start(fleet.Select(TcpBackend.Of), new LeastConnections());
        using var http = LoadProbe.Client();

        using var held1 = new TcpClient();
        using var held2 = new TcpClient();
        await held1.ConnectAsync(proxy.EndPoint);
        await WaitForOpenAsync(proxy, 1);
        await held2.ConnectAsync(proxy.EndPoint);
        await WaitForOpenAsync(proxy, 2);
        var idle = proxy.Open.Single(p => p.Value == 0).Key;

        var served = new List<string?>();
        for (var i = 0; i < 10; i++)
        {
            served.Add((await LoadProbe.SendAsync(http, new Uri(proxy.HttpAddress, "/item"), 1, CloseEach)).Single().Backend);
            await WaitForOpenAsync(proxy, 2);   // the proxy closes its side a moment after the client has the answer
        }

        Assert.All(served, backend => Assert.Equal(idle, backend));
    }

    [Fact]
    public async Task An_empty_pool_is_rejected_when_the_proxy_is_built()
    {
        var e = Assert.Throws<ArgumentException>(() => TcpProxy.Start([], new RoundRobin()));
        Assert.Contains("at least one backend", e.Message);
        await Task.CompletedTask;
    }

    private static async Task WaitForOpenAsync(TcpProxy proxy, int open)
    {
        for (var i = 0; i < 200 && proxy.Open.Values.Sum() != open; i++) await Task.Delay(10);
        Assert.Equal(open, proxy.Open.Values.Sum());
    }
}

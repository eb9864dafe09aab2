using System.Net;
using System.Net.Sockets;

namespace Course.Caching.Stores.Tests;

public sealed class DeadRedisTests
{
    [Fact]
    public async Task A_dead_Redis_gives_a_clear_error_naming_the_address_instead_of_a_hang()
    {
        var address = $"127.0.0.1:{FreePort()}";   // nothing listens there

        var task = RedisCache.ConnectAsync(address, "test", TimeSpan.FromMilliseconds(500));
        // The bound only keeps a broken implementation from hanging the run; the assertion is on the error.
        var e = await Assert.ThrowsAsync<CacheUnavailableException>(() => task.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Contains(address, e.Message);
        Assert.Contains("did not accept a connection within 0.5 s", e.Message);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

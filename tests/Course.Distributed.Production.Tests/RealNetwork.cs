using System.Net;
using System.Net.Sockets;

namespace Course.Distributed.Production.Tests;

/// <summary>Tests that run real clusters share one collection, so they do not compete for the 2 cores.</summary>
[CollectionDefinition(Collection)]
public sealed class RealNetwork
{
    public const string Collection = "Real network";

    /// <summary>Polls <paramref name="condition"/> every 10 ms until it holds or <paramref name="timeout"/> passes.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow >= deadline) return false;
            await Task.Delay(10);
        }
        return true;
    }

    public static void AssertPortFree(int port)
    {
        var probe = new TcpListener(IPAddress.Loopback, port);
        probe.Start();
        probe.Stop();
    }
}

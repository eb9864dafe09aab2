using System.Net;
using System.Net.Sockets;

namespace Course.Distributed.Production.Tests;

/// <summary>Tests that run real clusters share one collection, so they do not compete for the 2 cores.</summary>
[CollectionDefinition(Collection)]
public sealed class RealNetwork
{
    public const string Collection = "Real network";

    public static void AssertPortFree(int port)
    {
        var probe = new TcpListener(IPAddress.Loopback, port);
        probe.Start();
        probe.Stop();
    }
}

using System.Net;
using System.Net.Sockets;

namespace Course.Infrastructure.Processes;

/// <summary>
/// A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it). Another process can take it
/// before the server binds, so starters retry on "address in use".
/// </summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}

using System.Collections.Concurrent;
using System.Net;
using Course.Simulation;

namespace Course.Distributed.Transport;

/// <summary>
/// Where each node listens. Hosts register on start and unregister when stopped; outgoing connections look
/// the address up at every (re)connect, so a restarted node may come back on a new port.
/// </summary>
public sealed class PeerDirectory
{
    private readonly ConcurrentDictionary<NodeId, IPEndPoint> _addresses = new();

    public void Register(NodeId node, IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        if (!IPAddress.IsLoopback(endPoint.Address))
            throw new ArgumentException($"The course cluster runs on loopback only; {endPoint} is not.", nameof(endPoint));
        _addresses[node] = endPoint;
    }

    /// <summary>Forgets <paramref name="node"/>'s address, if it is still <paramref name="endPoint"/> (a newer registration wins).</summary>
    public void Unregister(NodeId node, IPEndPoint endPoint) =>
        _addresses.TryRemove(new KeyValuePair<NodeId, IPEndPoint>(node, endPoint));

    public IPEndPoint? Resolve(NodeId node) => _addresses.GetValueOrDefault(node);
}

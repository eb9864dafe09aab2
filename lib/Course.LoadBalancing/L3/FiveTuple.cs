using Course.Distributed.Hashing;

namespace Course.LoadBalancing.L3;

/// <summary>
/// A flow's identity as a router hashes it (RFC 2992 §2: source and destination address and port, protocol).
/// Every packet of a TCP connection carries the same five values, so hashing them keeps a flow on one path —
/// no reordering — without the router remembering anything.
/// </summary>
public readonly record struct FiveTuple(uint SourceIp, uint DestinationIp, ushort SourcePort, ushort DestinationPort, byte Protocol)
{
    /// <summary>A stable 64-bit hash of the five fields (SplitMix finaliser over the packed fields), salted per router.</summary>
    public ulong Hash(ulong salt = 0)
    {
        var h = KeyHash.Mix(salt ^ ((ulong)SourceIp << 32 | DestinationIp));
        return KeyHash.Mix(h ^ ((ulong)SourcePort << 24 | (ulong)DestinationPort << 8 | Protocol));
    }

    /// <summary>Random client flows to one service address (TCP), for the simulations.</summary>
    public static FiveTuple[] RandomFlows(int count, int seed, uint destination = 0x0A000001)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => new FiveTuple((uint)random.NextInt64(1L << 32), destination, (ushort)random.Next(1024, 65536), 443, 6))
            .ToArray();
    }

    public override string ToString() =>
        $"{Ip(SourceIp)}:{SourcePort} → {Ip(DestinationIp)}:{DestinationPort} proto {Protocol}";

    private static string Ip(uint a) => $"{a >> 24}.{(a >> 16) & 255}.{(a >> 8) & 255}.{a & 255}";
}

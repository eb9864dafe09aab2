namespace Course.Distributed.Dht;

/// <summary>What a Kademlia lookup was for.</summary>
public enum KademliaOperation { FindNode, FindValue, Store }

/// <summary>
/// One finished iterative lookup: the k closest contacts found (closest first; the origin counts too), the
/// value for FIND_VALUE (null if none was found), rounds of α parallel RPCs, messages sent (RPCs, plus the
/// STOREs), and the <see cref="Path"/> of every contact queried. <see cref="ExpectedClosest"/> is filled in by
/// <see cref="KademliaCluster"/>: the live node whose id is XOR-closest to the target.
/// </summary>
public sealed record KademliaLookupResult(
    long LookupId, KademliaOperation Operation, KademliaContact Origin, ulong Target, IReadOnlyList<KademliaContact> Closest,
    string? Value, int Rounds, int Messages, int Timeouts, IReadOnlyList<KademliaHop> Path, TimeSpan Latency)
{
    public KademliaContact? ExpectedClosest { get; init; }

    /// <summary>The lookup ended at the right node (FIND_VALUE: it found the value, or the closest node).</summary>
    public bool Correct => Value is not null || (Closest.Count > 0 && Closest[0] == ExpectedClosest);
}

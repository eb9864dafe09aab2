namespace Course.Distributed.Dht;

/// <summary>
/// One finished lookup of successor(<paramref name="Key"/>): the <paramref name="Path"/> of nodes the origin
/// contacted in order (hops = its length; a node that timed out is on it too), and the answer, or null when
/// every route failed. <see cref="Expected"/> is filled in by <see cref="ChordCluster"/> from the true membership.
/// </summary>
public sealed record ChordLookupResult(
    long LookupId, ChordPeer Origin, ulong Key, ChordPeer? Successor, IReadOnlyList<ChordPeer> Path, int Timeouts, TimeSpan Latency)
{
    public int Hops => Path.Count;

    /// <summary>The live successor of the key on the membership at the end of the lookup.</summary>
    public ChordPeer? Expected { get; init; }

    public bool Correct => Successor is not null && Successor == Expected;
}

using System.Numerics;
using Course.Simulation;

namespace Course.Distributed.Dht;

/// <summary>
/// A Kademlia routing table (§2.2): bucket i holds up to k contacts at XOR distance [2^i, 2^(i+1)), least
/// recently seen first. Policy when a bucket is full, simplified from the paper: the newcomer is dropped
/// (old contacts are kept, since long-lived nodes tend to stay up) without pinging the oldest; a contact
/// leaves its bucket when it fails to answer an RPC, which makes room for the next newcomer.
/// </summary>
public sealed class KBuckets
{
    private readonly List<KademliaContact>[] _buckets = new List<KademliaContact>[KademliaOptions.Bits];

    public KBuckets(ulong self, int k)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
        Self = self;
        K = k;
        for (var i = 0; i < _buckets.Length; i++) _buckets[i] = [];
    }

    public ulong Self { get; }
    public int K { get; }
    public int Count => _buckets.Sum(b => b.Count);
    public IReadOnlyList<KademliaContact> Bucket(int i) => _buckets[i];

    /// <summary>The bucket index of <paramref name="id"/>: ⌊log2(self XOR id)⌋ (−1 for self).</summary>
    public int IndexOf(ulong id) => id == Self ? -1 : 63 - BitOperations.LeadingZeroCount(Self ^ id);

    /// <summary>We heard from <paramref name="contact"/>: move it to the tail, or add it if its bucket has room.</summary>
    public bool Observe(KademliaContact contact)
    {
        var i = IndexOf(contact.Id);
        if (i < 0) return false;
        var bucket = _buckets[i];
        var at = bucket.FindIndex(c => c.Node == contact.Node);
        if (at >= 0) bucket.RemoveAt(at);
        else if (bucket.Count >= K) return false;
        bucket.Add(contact);
        return true;
    }

    public void Remove(NodeId node)
    {
        foreach (var b in _buckets) b.RemoveAll(c => c.Node == node);
    }

    /// <summary>The <paramref name="count"/> known contacts closest to <paramref name="target"/> by XOR.</summary>
    public KademliaContact[] Closest(ulong target, int count)
    {
        var all = new List<KademliaContact>(Count);
        foreach (var b in _buckets) all.AddRange(b);
        all.Sort((a, b) => (a.Id ^ target).CompareTo(b.Id ^ target));
        return [.. all.Take(count)];
    }
}

using Course.Simulation;

namespace Course.Distributed.Dht;

/// <summary>
/// Kademlia's RPCs (§2.3) — FIND_NODE, FIND_VALUE, STORE — and their answers. Every message carries the
/// sender's id, because every message received updates the receiver's k-bucket for the sender.
/// (PING is not needed: see <see cref="KBuckets"/> for the eviction policy.)
/// </summary>
public abstract record KademliaMessage(ulong SenderId) : IHasSize
{
    private const int ContactSize = 12;
    public abstract int SizeInBytes { get; }

    public sealed record FindNode(ulong SenderId, long LookupId, ulong Target) : KademliaMessage(SenderId)
    {
        public override int SizeInBytes => 24;
    }

    public sealed record FindValue(ulong SenderId, long LookupId, ulong Key) : KademliaMessage(SenderId)
    {
        public override int SizeInBytes => 24;
    }

    /// <summary>The k contacts closest to the target that the sender knows.</summary>
    public sealed record Nodes(ulong SenderId, long LookupId, KademliaContact[] Contacts) : KademliaMessage(SenderId)
    {
        public override int SizeInBytes => 16 + ContactSize * Contacts.Length;
        public override string ToString() => $"Nodes(#{LookupId}, {Contacts.Length} contacts)";
    }

    /// <summary>The answer to FIND_VALUE from a node that stores the key.</summary>
    public sealed record Value(ulong SenderId, long LookupId, string Data) : KademliaMessage(SenderId)
    {
        public override int SizeInBytes => 16 + Data.Length * 2;
    }

    public sealed record Store(ulong SenderId, ulong Key, string Data) : KademliaMessage(SenderId)
    {
        public override int SizeInBytes => 16 + Data.Length * 2;
    }
}

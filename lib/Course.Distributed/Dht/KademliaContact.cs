using Course.Simulation;

namespace Course.Distributed.Dht;

/// <summary>A Kademlia contact: a node's address (simulator node) and its 64-bit id.</summary>
public readonly record struct KademliaContact(NodeId Node, ulong Id)
{
    public override string ToString() => $"{Node}@{Id:x16}";
}

/// <summary>One contact of a lookup's path, with the round (1, 2, …) in which it was queried and whether it answered.</summary>
public readonly record struct KademliaHop(KademliaContact Contact, int Round, bool Answered);

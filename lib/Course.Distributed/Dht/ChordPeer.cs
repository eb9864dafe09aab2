using Course.Simulation;

namespace Course.Distributed.Dht;

/// <summary>A Chord node as others know it: its address (simulator node) and its identifier on the circle.</summary>
public readonly record struct ChordPeer(NodeId Node, ulong Id)
{
    public override string ToString() => $"{Node}@{Id:x}";
}

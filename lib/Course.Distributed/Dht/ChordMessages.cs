using Course.Simulation;

namespace Course.Distributed.Dht;

/// <summary>
/// Chord's RPCs (Stoica et al. 2001, Figures 5 and 6), with the lookup made iterative: the origin asks one node
/// after another "what is successor(key)?" and each answers either <see cref="Found"/> (the key lies between it
/// and its successor) or <see cref="Closer"/> (its closest preceding fingers). Stabilization is
/// <see cref="GetPredecessor"/>/<see cref="PredecessorIs"/> then <see cref="Notify"/>.
/// </summary>
public abstract record ChordMessage : IHasSize
{
    private const int PeerSize = 12;
    public abstract int SizeInBytes { get; }

    public sealed record FindSuccessor(long LookupId, ulong Key) : ChordMessage
    {
        public override int SizeInBytes => 16;
        public override string ToString() => $"FindSuccessor(#{LookupId}, {Key:x})";
    }

    /// <summary>"key ∈ (me, <paramref name="Successor"/>]": the lookup is over.</summary>
    public sealed record Found(long LookupId, ChordPeer Successor) : ChordMessage
    {
        public override int SizeInBytes => 8 + PeerSize;
        public override string ToString() => $"Found(#{LookupId}, {Successor})";
    }

    /// <summary>"ask these next": my closest preceding nodes of the key, closest to it first.</summary>
    public sealed record Closer(long LookupId, ChordPeer[] Candidates) : ChordMessage
    {
        public override int SizeInBytes => 8 + PeerSize * Candidates.Length;
        public override string ToString() => $"Closer(#{LookupId}, [{string.Join(", ", Candidates)}])";
    }

    public sealed record GetPredecessor : ChordMessage
    {
        public override int SizeInBytes => 1;
        public override string ToString() => "GetPredecessor";
    }

    /// <summary>The answer to <see cref="GetPredecessor"/>, with the successor list to copy (§5.3).</summary>
    public sealed record PredecessorIs(ChordPeer? Predecessor, ChordPeer[] Successors) : ChordMessage
    {
        public override int SizeInBytes => PeerSize * (1 + Successors.Length);
        public override string ToString() => $"PredecessorIs({Predecessor?.ToString() ?? "nil"})";
    }

    /// <summary>"I think I might be your predecessor."</summary>
    public sealed record Notify(ChordPeer Candidate) : ChordMessage
    {
        public override int SizeInBytes => PeerSize;
        public override string ToString() => $"Notify({Candidate})";
    }
}

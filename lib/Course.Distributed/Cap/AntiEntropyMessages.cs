namespace Course.Distributed.Cap;

/// <summary>
/// An AP replica's state (or just the keys it changed), pushed to a peer. Anti-entropy is push-pull
/// (Demers et al. 1987): a periodic round asks for the peer's state back, so two replicas converge in one
/// exchange; an eager push after a local write asks for nothing.
/// </summary>
public sealed record AntiEntropy<TEntry>(IReadOnlyDictionary<string, TEntry> Entries, bool ReplyWanted) : CapMessage
{
    public override int SizeInBytes => 16 + 32 * Entries.Count;

    public override string ToString() => $"anti-entropy {Entries.Count} key(s){(ReplyWanted ? ", reply wanted" : "")}";
}

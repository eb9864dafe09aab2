namespace Course.Distributed.Production;

/// <summary>One thing a production Raft library does, where DotNext does it, and where our course Raft stands.</summary>
public sealed record ProductionFeature(string Feature, string DotNext, string Ours);

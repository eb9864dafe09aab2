using Course.Simulation;

namespace Course.Distributed.Cap;

/// <summary>A replica of one of the compared stores, as the experiment sees it from outside.</summary>
public interface ICapReplica : INode<CapMessage>
{
    /// <summary>What this replica holds for <paramref name="key"/> right now (no values when it has none).</summary>
    IReadOnlyList<string> LocalValues(string key);

    /// <summary>A canonical text of everything stored: equal digests mean the replicas have converged.</summary>
    string StateDigest();
}

namespace Course.Distributed.Linearizability;

/// <summary>
/// A part of a history that can be checked on its own, e.g. the operations on one key.
/// Linearizability is local (Herlihy &amp; Wing 1990, Theorem 1): a history of independent objects is linearizable
/// exactly when each object's sub-history is, so checking keys apart turns one exponential search into many small ones.
/// </summary>
/// <param name="Key">What the part is about, shown in results ("x", "key 7", "all").</param>
/// <param name="Operations">Indices into the whole history.</param>
public sealed record HistoryPartition(string Key, IReadOnlyList<int> Operations)
{
    /// <summary>The key of the single partition of a model that does not partition.</summary>
    public const string WholeHistory = "(whole history)";
}

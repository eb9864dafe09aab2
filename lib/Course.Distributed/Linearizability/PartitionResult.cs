namespace Course.Distributed.Linearizability;

/// <summary>The verdict on one partition (one key) of a history. Operation numbers are indices into the whole history.</summary>
/// <param name="Key">The partition's key (<see cref="HistoryPartition.Key"/>).</param>
/// <param name="Operations">The operations in this partition.</param>
/// <param name="Outcome">Ok, Illegal, or Unknown (time ran out, possibly before this partition was started).</param>
/// <param name="Linearization">
/// Ok: a complete linearization, including the operations that never returned but are taken to have happened.
/// Illegal or Unknown: the longest linearizable prefix found.
/// </param>
/// <param name="Counterexample">Why the partition is not linearizable; set exactly when <paramref name="Outcome"/> is Illegal.</param>
/// <param name="ConfigurationsExplored">Distinct (linearized set, state) pairs the search reached: a measure of its work.</param>
public sealed record PartitionResult(
    string Key,
    IReadOnlyList<int> Operations,
    CheckOutcome Outcome,
    IReadOnlyList<int> Linearization,
    Counterexample? Counterexample,
    int ConfigurationsExplored);

namespace Course.Distributed.Linearizability;

/// <summary>
/// Why one partition is not linearizable: the search could order <see cref="LongestPrefix"/> legally, but then
/// <see cref="FirstUnlinearizable"/> had to take effect (it had returned) and the model rejects it, and every other
/// operation that could have gone first is rejected too. No order gets further. Operation numbers index the whole history.
/// </summary>
/// <param name="Key">The partition's key.</param>
/// <param name="LongestPrefix">The longest linearizable prefix, in linearization order.</param>
/// <param name="FirstUnlinearizable">The operation that returned but could not be linearized after the prefix.</param>
/// <param name="OtherCandidates">The other operations already called at that point, all rejected by the model too.</param>
/// <param name="StateAfterPrefix">The model's state after the prefix, as the model describes it.</param>
/// <param name="Explanation">The same, in sentences for a reader.</param>
public sealed record Counterexample(
    string Key,
    IReadOnlyList<int> LongestPrefix,
    int FirstUnlinearizable,
    IReadOnlyList<int> OtherCandidates,
    string StateAfterPrefix,
    string Explanation);

namespace Course.Distributed.Cap;

/// <summary>One value of a key, the version vector of the write that produced it, and (for measuring only) its causal history.</summary>
public sealed record Sibling(string Value, VersionVector Version, CausalHistory History)
{
    public override string ToString() => $"{Value}@{Version}";
}

/// <summary>
/// The siblings of one key: the values no other value has superseded (DDIA ch. 5, Riak's allow_mult).
/// Merging keeps every version not strictly before another, so concurrent writes both survive and the
/// next reader sees them all; nothing is discarded that no writer had seen.
/// </summary>
public static class Siblings
{
    /// <summary>The union of two sibling sets, minus every version some other version has superseded.</summary>
    public static IReadOnlyList<Sibling> Merge(IReadOnlyList<Sibling> a, IReadOnlyList<Sibling> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var all = a.Concat(b).DistinctBy(s => s.Version).ToList(); // equal versions are the same write
        return all
            .Where(s => !all.Any(other => s.Version.IsBefore(other.Version)))
            .OrderBy(s => s.Value, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>What a client must send back to supersede everything it read: the merge of the siblings' versions.</summary>
    public static VersionVector Context(IReadOnlyList<Sibling> siblings) =>
        siblings.Aggregate(VersionVector.Empty, (context, s) => context.Merge(s.Version));

    /// <summary>Two sets with the same versions hold the same writes.</summary>
    public static bool SameVersions(IReadOnlyList<Sibling> a, IReadOnlyList<Sibling> b) =>
        a.Count == b.Count && a.All(s => b.Any(t => t.Version.Equals(s.Version)));
}

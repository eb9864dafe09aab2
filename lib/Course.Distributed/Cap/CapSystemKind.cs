namespace Course.Distributed.Cap;

/// <summary>
/// The three replicated stores the experiment compares. In a partition each must choose (Brewer 2000;
/// Gilbert &amp; Lynch 2002): refuse requests (CP), or answer them and reconcile later (AP).
/// </summary>
public enum CapSystemKind
{
    /// <summary>Majority quorums, ABD-style (Attiya, Bar-Noy &amp; Dolev 1995): linearizable, unavailable in a minority.</summary>
    Cp,

    /// <summary>Local answers, asynchronous anti-entropy, conflicts resolved by last-writer-wins timestamps.</summary>
    ApLastWriterWins,

    /// <summary>Local answers, asynchronous anti-entropy, concurrent writes kept as siblings by version vectors.</summary>
    ApVersionVectors,
}
